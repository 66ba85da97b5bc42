package io.rostersync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestService;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.accounts.ApiToken;
import io.rostersync.accounts.ApiTokens;
import io.rostersync.accounts.AuditEvent;
import io.rostersync.accounts.AuditTrail;
import io.rostersync.directory.DirectoryReads;
import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.intake.Intakes;
import io.rostersync.schedule.SyncSchedule;
import io.rostersync.sync.Syncs;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every caller reaches only their own district (and a school admin only their schools): the whole
 * matrix of {@code web/api-access.tsv}, then what the refused requests must not have changed; tokens,
 * lockout, the audit trail and the shape of errors.
 */
@Tag("database")
class ApiAccessTest {

    private static final String PASSWORD = "a password long enough";
    private static final List<String> CALLERS = List.of("a_admin", "a_school", "a_token", "b_admin", "anonymous");

    private static TestService service;
    private static DataSource dataSource;
    private static Map<String, ApiClient> clients;
    private static Map<String, String> ids;
    private static long districtA;
    private static long districtB;
    private static long schoolA1;
    private static long schoolA2;
    private static String tokenASecret;

    @TempDir
    static Path work;

    @BeforeAll
    static void twoDistricts() throws Exception {
        service = TestService.shared();
        dataSource = service.dataSource();
        Syncs syncs = new Syncs(dataSource, service.bean(io.rostersync.storage.SecretBox.class));
        Path roster = RosterGenerator.generate(GeneratorOptions.of(120), work.resolve("roster.zip")).output();
        long runA = syncs.sync(Syncs.Request.of("access-a", roster)).run();
        long previewA = syncs.sync(Syncs.Request.of("access-a", roster).withDryRun(true)).run();
        long runB = syncs.sync(Syncs.Request.of("access-b", roster)).run();
        Districts districts = new Districts(dataSource);
        districtA = districts.find("access-a").orElseThrow().id();
        districtB = districts.find("access-b").orElseThrow().id();
        DirectoryReads directory = new DirectoryReads(dataSource);
        List<DirectorySchool> schoolsA = directory.schools(districtA);
        schoolA1 = schoolsA.get(0).id();
        schoolA2 = schoolsA.get(1).id();
        long schoolB = directory.schools(districtB).get(0).id();

        AdminAccounts admins = new AdminAccounts(dataSource);
        admins.create(districtA, "access-a-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of());
        long adminA = admins.create(districtA, "access-a-school", PASSWORD, AdminRole.SCHOOL_ADMIN, List.of(schoolA1))
                .id();
        long adminB = admins.create(districtB, "access-b-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of()).id();
        ApiTokens tokens = new ApiTokens(dataSource);
        tokenASecret = tokens.issue(districtA, "matrix token", "test").secret();
        long tokenB = tokens.issue(districtB, "b's token", "test").token().id();

        ids = new LinkedHashMap<>();
        ids.put("{A}", "access-a");
        ids.put("{B}", "access-b");
        ids.put("{runA}", Long.toString(runA));
        ids.put("{previewA}", Long.toString(previewA));
        ids.put("{runB}", Long.toString(runB));
        ids.put("{dropA}", Long.toString(drop(districtA, "a")));
        ids.put("{dropB}", Long.toString(drop(districtB, "b")));
        ids.put("{schoolA1}", Long.toString(schoolA1));
        ids.put("{schoolA2}", Long.toString(schoolA2));
        ids.put("{schoolB}", Long.toString(schoolB));
        ids.put("{tokenB}", Long.toString(tokenB));
        ids.put("{adminA}", Long.toString(adminA));
        ids.put("{adminB}", Long.toString(adminB));

        clients = new LinkedHashMap<>();
        clients.put("a_admin", ApiClient.admin(service, "access-a-admin", PASSWORD));
        clients.put("a_school", ApiClient.admin(service, "access-a-school", PASSWORD));
        clients.put("a_token", ApiClient.token(service, tokenASecret));
        clients.put("b_admin", ApiClient.admin(service, "access-b-admin", PASSWORD));
        clients.put("anonymous", ApiClient.anonymous(service));
    }

    @org.junit.jupiter.api.AfterAll
    static void noDropLeftWaiting() throws Exception {
        // "run now" in the matrix sent A's drop again: not for other tests' runners to sync
        Intakes intakes = new Intakes(dataSource);
        for (Intakes.Intake waiting : intakes.waiting(districtA)) {
            intakes.finish(waiting, "skipped", null, "access matrix");
        }
    }

    /** A drop of the district, kept as the intake keeps one: its files in a folder of their own. */
    private static long drop(long district, String name) throws Exception {
        Path folder = Files.createDirectories(work.resolve("drops").resolve(name));
        Files.writeString(folder.resolve("users.csv"), "sourcedId,givenName\nu-" + name + ",Ada\n");
        Files.writeString(folder.resolve("demographics.csv"), "not listed in the drop\n");
        Intakes intakes = new Intakes(dataSource);
        Intakes.Intake drop = intakes.record(district, "upload", List.of("users.csv"), 30, "sha-" + name, folder);
        // done, so that no test that runs the waiting drops of the shared service takes it
        intakes.finish(drop, "previewed", null, "kept for the access matrix");
        return drop.id();
    }

    private record Row(int line, String method, String path, String body, Map<String, Integer> expected) {
    }

    private static List<Row> matrix() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = ApiAccessTest.class.getResourceAsStream("/web/api-access.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                assertThat(cells).as("line %d: method, path, body and one status per caller", n).hasSize(8);
                Map<String, Integer> expected = new LinkedHashMap<>();
                for (int i = 0; i < CALLERS.size(); i++) {
                    expected.put(CALLERS.get(i), Integer.parseInt(cells[3 + i]));
                }
                rows.add(new Row(n, cells[0], fill(cells[1]), cells[2].equals("-") ? null : fill(cells[2]), expected));
            }
        }
        return rows;
    }

    private static String fill(String template) {
        String s = template;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            s = s.replace(id.getKey(), id.getValue());
        }
        return s;
    }

    @Test
    void everyCallerReachesOnlyTheirOwnDistrictAndSchools() throws Exception {
        var bBefore = districtState(districtB);
        List<Row> rows = matrix();
        assertThat(rows).hasSizeGreaterThan(30);
        SoftAssertions softly = new SoftAssertions();
        for (Row row : rows) {
            for (Map.Entry<String, Integer> expected : row.expected().entrySet()) {
                HttpResponse<String> response = clients.get(expected.getKey()).send(row.method(), row.path(), row.body());
                softly.assertThat(response.statusCode()).as("line %d: %s %s as %s -> %s", row.line(), row.method(),
                        row.path(), expected.getKey(), abbreviated(response.body())).isEqualTo(expected.getValue());
            }
        }
        softly.assertAll();
        // nothing any of A's callers sent changed anything of B
        assertThat(districtState(districtB)).isEqualTo(bBefore);
        assertThat(new AuditTrail(dataSource).list(districtB, null, 1000)).extracting(AuditEvent::actor)
                .allMatch(actor -> actor.equals("access-b-admin"));
        assertThat(new AdminAccounts(dataSource).list(districtA)).extracting(a -> a.username())
                .doesNotContain("matrix-intruder");
    }

    private static String abbreviated(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    /** What of a district an intruder might try to change. */
    private static List<Object> districtState(long district) throws Exception {
        return List.of(new SyncSchedule(dataSource).syncEnabled(district),
                new ApiTokens(dataSource).list(district).stream().map(t -> t.id() + ":" + t.revoked()).toList(),
                new AdminAccounts(dataSource).list(district).stream().map(a -> a.username()).toList(),
                new Syncs(dataSource, service.bean(io.rostersync.storage.SecretBox.class)).runs(district == districtB ? "access-b" : "access-a", 100).stream()
                        .map(r -> r.run() + ":" + r.status() + ":" + r.revertedBy()).toList(),
                new io.rostersync.intake.SftpSites(dataSource, io.rostersync.storage.SecretBox.withRandomKey())
                        .find(district).isPresent(),
                new io.rostersync.intake.DropArrivals(dataSource).get(district));
    }

    @Test
    void aSchoolAdminSeesOnlyTheirSchoolsAndTheirPeople() {
        HttpResponse<String> schools = clients.get("a_school").get("/api/v1/districts/access-a/schools");
        assertThat(schools.statusCode()).isEqualTo(200);
        assertThat(schools.body()).contains("\"id\":" + schoolA1).doesNotContain("\"id\":" + schoolA2);
        HttpResponse<String> all = clients.get("a_admin").get("/api/v1/districts/access-a/schools");
        assertThat(all.body()).contains("\"id\":" + schoolA1, "\"id\":" + schoolA2);
        HttpResponse<String> students = clients.get("a_school")
                .get("/api/v1/districts/access-a/schools/" + schoolA1 + "/people?role=student&limit=5");
        assertThat(students.statusCode()).isEqualTo(200);
        assertThat(students.body()).contains("\"role\":\"student\"").contains("\"next\":");
    }

    @Test
    void aTokenActsForItsDistrictUntilRevoked() {
        ApiClient admin = clients.get("a_admin");
        HttpResponse<String> issued = admin.send("POST", "/api/v1/districts/access-a/tokens", "{\"name\":\"nightly SIS\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        String secret = issued.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
        long id = Long.parseLong(issued.body().replaceAll(".*\"token\":\\{\"id\":(\\d+).*", "$1"));
        ApiClient token = ApiClient.token(service, secret);
        assertThat(token.get("/api/v1/me").body()).contains("\"district\":\"access-a\"", "nightly SIS");
        assertThat(admin.get("/api/v1/districts/access-a/tokens").body()).contains("nightly SIS")
                .doesNotContain(secret);
        assertThat(admin.send("DELETE", "/api/v1/districts/access-a/tokens/" + id, null).statusCode()).isEqualTo(204);
        HttpResponse<String> refused = token.get("/api/v1/me");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("revoked");
        assertThat(ApiClient.token(service, "rs_" + "x".repeat(43)).get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    void adminActionsAndRefusalsGoToTheDistrictsAuditTrail() throws Exception {
        ApiClient admin = clients.get("a_admin");
        assertThat(admin.send("PATCH", "/api/v1/districts/access-a/schedule", "{\"syncEnabled\":true}").body())
                .contains("\"syncEnabled\":true");
        assertThat(admin.send("PATCH", "/api/v1/districts/access-a/schedule", "{\"syncEnabled\":false}").statusCode())
                .isEqualTo(200);
        clients.get("a_school").send("PATCH", "/api/v1/districts/access-a/schedule", "{\"syncEnabled\":true}");
        List<AuditEvent> events = new AuditTrail(dataSource).list(districtA, null, 1000);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("sync.enable");
            assertThat(e.actor()).isEqualTo("access-a-admin");
            assertThat(e.actorKind()).isEqualTo(AuditEvent.ActorKind.ADMIN);
            assertThat(e.address()).isEqualTo("127.0.0.1");
        });
        assertThat(events).anySatisfy(e -> assertThat(e.action()).isEqualTo("sync.disable"));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("refused");
            assertThat(e.actor()).isEqualTo("access-a-school");
            assertThat(e.detail()).contains("change the sync schedule");
        });
        assertThat(admin.get("/api/v1/districts/access-a/audit?limit=2").body()).contains("\"next\":");
    }

    @Test
    void errorsAreProblemsWithACodeAndAHintAndNoStackTrace() {
        HttpResponse<String> missing = clients.get("a_admin").get("/api/v1/districts/access-a/runs/999999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(missing.body()).contains("\"code\":\"not-found\"", "\"hint\":").doesNotContain("at io.rostersync");
        HttpResponse<String> badJson = clients.get("a_admin").send("PATCH", "/api/v1/districts/access-a/schedule", "{");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).doesNotContain("tools.jackson").doesNotContain("at io.rostersync");
        HttpResponse<String> anonymous = clients.get("anonymous").get("/api/v1/me");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("Basic", "Bearer"));
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountAndTheAddressOut() throws Exception {
        new AdminAccounts(dataSource).create(districtA, "access-a-locked", PASSWORD, AdminRole.DISTRICT_ADMIN,
                List.of());
        // from an address of its own, so that no other test's requests are locked out with it
        InetAddress from = InetAddress.getByName("127.0.0.7");
        for (int i = 0; i < 6; i++) {
            assertThat(status(from, "access-a-locked", "wrong password " + i)).startsWith("401")
                    .doesNotContain("locked-out");
        }
        String locked = status(from, "access-a-locked", PASSWORD);
        assertThat(locked).startsWith("401").contains("locked-out");
        // the account is locked from everywhere; others still sign in from elsewhere
        assertThat(ApiClient.admin(service, "access-a-locked", PASSWORD).get("/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(clients.get("a_admin").get("/api/v1/me").statusCode()).isEqualTo(200);
        // and the address is locked for every account
        assertThat(status(from, "access-a-admin", PASSWORD)).contains("locked-out");
    }

    /** The status line and body of GET /api/v1/me sent from {@code from}, signed in as the user. */
    private static String status(InetAddress from, String user, String password) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), service.port(), from, 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring("HTTP/1.1 ".length());
        }
    }
}
