package io.rostersync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestService;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.accounts.AuditEvent;
import io.rostersync.accounts.AuditTrail;
import io.rostersync.directory.Districts;
import io.rostersync.intake.DistrictSftpSite;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The district's own SFTP site and its arrival settings through the API: the password goes in and
 * never comes out, the connection test shows the host key it pinned, and each step is audited.
 */
@Tag("database")
class IntakeSettingsApiTest {

    private static final String PASSWORD = "intake settings password long enough";
    private static final String SITE_PASSWORD = "the district's own site password";
    private static ApiClient admin;
    private static long district;
    private static TestService service;
    private static DistrictSftpSite site;

    @TempDir
    static Path work;

    @BeforeAll
    static void district() throws Exception {
        service = TestService.shared();
        district = new Districts(service.dataSource()).findOrCreate("intake-api").id();
        new AdminAccounts(service.dataSource()).create(district, "intake-admin", PASSWORD, AdminRole.DISTRICT_ADMIN,
                List.of());
        admin = ApiClient.admin(service, "intake-admin", PASSWORD);
        site = new DistrictSftpSite(Files.createDirectories(work.resolve("home/export")).getParent(),
                KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256), "sis", SITE_PASSWORD);
        Files.writeString(site.home.resolve("export/users.csv"), "sourcedId\n");
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @Test
    void theSiteIsSetTestedAndItsHostKeyShownWithoutItsPasswordEverComingBack() throws Exception {
        assertThat(admin.get("/api/v1/districts/intake-api/sftp-site").body()).contains("\"configured\":false");
        HttpResponse<String> saved = admin.send("PUT", "/api/v1/districts/intake-api/sftp-site", "{\"host\":\"127.0.0.1\","
                + "\"port\":" + site.port() + ",\"username\":\"sis\",\"folder\":\"/export\",\"password\":\""
                + SITE_PASSWORD + "\",\"writeResults\":true}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("\"configured\":true", "\"hasPassword\":true", "\"hasPrivateKey\":false",
                "\"hostKeyFingerprint\":null", "\"resultFolder\":\"/export/out\"").doesNotContain(SITE_PASSWORD);

        HttpResponse<String> test = admin.send("POST", "/api/v1/districts/intake-api/sftp-site/test", null);
        String fingerprint = KeyUtils.getFingerPrint(site.hostKey().getPublic());
        assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
        assertThat(test.body()).contains("\"connected\":true", "\"hostKeyPinnedNow\":true", "\"name\":\"users.csv\"",
                fingerprint);
        assertThat(Files.isDirectory(site.home.resolve("export/out"))).as("made, since results are written").isTrue();
        String shown = admin.get("/api/v1/districts/intake-api/sftp-site").body();
        assertThat(shown).contains("\"hostKeyFingerprint\":\"" + fingerprint + "\"").doesNotContain(SITE_PASSWORD);

        // saved again without the password (the same server and user): the password and the pinned key are kept
        admin.send("PUT", "/api/v1/districts/intake-api/sftp-site", "{\"host\":\"127.0.0.1\",\"port\":" + site.port()
                + ",\"username\":\"sis\",\"folder\":\"/export\"}");
        assertThat(admin.send("POST", "/api/v1/districts/intake-api/sftp-site/test", null).body())
                .contains("\"connected\":true", "\"hostKeyPinnedNow\":false");
        assertThat(admin.send("DELETE", "/api/v1/districts/intake-api/sftp-site/host-key", null).statusCode())
                .isEqualTo(204);
        assertThat(admin.get("/api/v1/districts/intake-api/sftp-site").body()).contains("\"hostKeyFingerprint\":null");
        assertThat(admin.send("POST", "/api/v1/districts/intake-api/sftp-site/poll-now", null).statusCode())
                .isEqualTo(202);

        assertThat(new AuditTrail(service.dataSource()).list(district, null, 100)).extracting(AuditEvent::action)
                .contains("sftp-site.connect", "sftp-site.change", "sftp-site.test", "sftp-site.forget-host-key",
                        "sftp-site.poll-now");
        assertThat(new AuditTrail(service.dataSource()).list(district, null, 100)).extracting(AuditEvent::detail)
                .anyMatch(d -> d != null && d.contains("host key " + fingerprint + " pinned"))
                .noneMatch(d -> d != null && d.contains(SITE_PASSWORD));

        assertThat(admin.send("DELETE", "/api/v1/districts/intake-api/sftp-site", null).statusCode()).isEqualTo(204);
        assertThat(admin.get("/api/v1/districts/intake-api/sftp-site").body()).contains("\"configured\":false");
    }

    @Test
    void aSiteThatCannotBeUsedIsRefusedWithAHint() {
        for (String body : List.of("{\"host\":\"sftp://x\",\"username\":\"u\",\"password\":\"p\"}",
                "{\"host\":\"x.org\",\"port\":70000,\"username\":\"u\",\"password\":\"p\"}",
                "{\"host\":\"x.org\",\"username\":\"\",\"password\":\"p\"}",
                "{\"host\":\"x.org\",\"username\":\"u\"}",
                "{\"host\":\"x.org\",\"username\":\"u\",\"privateKey\":\"ssh-rsa AAAA not a private key\"}")) {
            HttpResponse<String> refused = admin.send("PUT", "/api/v1/districts/intake-api/sftp-site", body);
            assertThat(refused.statusCode()).as(body + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).as(body).contains("\"hint\":");
        }
    }

    @Test
    void theArrivalSettingsAreAMergePatch() {
        assertThat(admin.get("/api/v1/districts/intake-api/arrival").body()).contains("\"completeness\":\"stable\"",
                "\"stableForSeconds\":null", "\"markerFile\":\"ready.txt\"", "\"keepDropsDays\":90");
        HttpResponse<String> marker = admin.send("PATCH", "/api/v1/districts/intake-api/arrival",
                "{\"completeness\":\"marker\",\"markerFile\":\"done.flag\",\"keepDropsDays\":30}");
        assertThat(marker.statusCode()).as(marker.body()).isEqualTo(200);
        assertThat(marker.body()).contains("\"completeness\":\"marker\"", "\"markerFile\":\"done.flag\"",
                "\"keepDropsDays\":30");
        assertThat(admin.send("PATCH", "/api/v1/districts/intake-api/arrival", "{\"stableForSeconds\":120}").body())
                .contains("\"stableForSeconds\":120", "\"completeness\":\"marker\"");
        for (String body : List.of("{\"completeness\":\"whenever\"}", "{\"markerFile\":\"../x\"}",
                "{\"keepDropsDays\":0}", "{\"stableForSeconds\":\"soon\"}", "{\"color\":1}")) {
            HttpResponse<String> refused = admin.send("PATCH", "/api/v1/districts/intake-api/arrival", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
        }
    }

    @Test
    void feedHealthShowsItsFindingsAndTakesItsSettingsAsAMergePatch() throws Exception {
        long quiet = new Districts(service.dataSource()).findOrCreate("feed-api").id();
        new AdminAccounts(service.dataSource()).create(quiet, "feed-admin", PASSWORD, AdminRole.DISTRICT_ADMIN,
                List.of());
        ApiClient feedAdmin = ApiClient.admin(service, "feed-admin", PASSWORD);
        assertThat(feedAdmin.get("/api/v1/districts/feed-api/feed-health").body()).contains("\"status\":\"ok\"",
                "\"quietDays\":2", "\"recipients\":[]");
        io.rostersync.intake.Intakes intakes = new io.rostersync.intake.Intakes(service.dataSource());
        intakes.record(quiet, "upload", List.of("users.csv"), 10, "abc", work);
        try (java.sql.Connection c = service.dataSource().getConnection(); java.sql.PreparedStatement s =
                c.prepareStatement("UPDATE intake SET received_at = now() - interval '5 days' WHERE district_id = ?")) {
            s.setLong(1, quiet);
            s.executeUpdate();
        }
        assertThat(feedAdmin.get("/api/v1/districts/feed-api/feed-health").body()).contains(
                "\"status\":\"needs_attention\"", "\"kind\":\"quiet\"", "No file has come for 5 days", "\"hint\":");

        HttpResponse<String> changed = feedAdmin.send("PATCH", "/api/v1/districts/feed-api/feed-health",
                "{\"quietDays\":7,\"recipients\":[\"it@feed-api.test\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).contains("\"status\":\"ok\"", "\"quietDays\":7", "\"it@feed-api.test\"");
        for (String body : List.of("{\"quietDays\":0}", "{\"recipients\":[\"not an address\"]}",
                "{\"shrinkPercent\":\"a lot\"}", "{\"colour\":1}")) {
            assertThat(feedAdmin.send("PATCH", "/api/v1/districts/feed-api/feed-health", body).statusCode()).as(body)
                    .isEqualTo(400);
        }
    }
}
