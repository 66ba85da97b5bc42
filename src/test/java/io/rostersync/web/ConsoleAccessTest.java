package io.rostersync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestService;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.directory.Districts;
import io.rostersync.intake.Intakes;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who reaches which console page: nobody unsigned; a district admin their own district's drops only
 * (another district's drop id is "not found", like a missing one); a school admin not the district's
 * drops or upload; no change without the session's CSRF token; pages under a strict CSP.
 */
@Tag("database")
class ConsoleAccessTest {

    private static final String PASSWORD = "console access password long";
    private static TestService service;
    private static long dropOfA;
    private static long dropOfB;

    @TempDir
    static Path work;

    @BeforeAll
    static void districts() throws Exception {
        service = TestService.shared();
        Districts districts = new Districts(service.dataSource());
        long a = districts.findOrCreate("console-a").id();
        long b = districts.findOrCreate("console-b").id();
        AdminAccounts accounts = new AdminAccounts(service.dataSource());
        accounts.create(a, "console-a-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of());
        accounts.create(b, "console-b-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of());
        Intakes intakes = new Intakes(service.dataSource());
        dropOfA = intakes.record(a, "upload", List.of("users.csv"), 1, "console-a", work).id();
        dropOfB = intakes.record(b, "upload", List.of("users.csv"), 1, "console-b", work).id();
    }

    @Test
    void nothingButTheSignInPageWithoutSigningIn() throws Exception {
        ConsoleClient anonymous = new ConsoleClient(service);
        for (String path : List.of("/console", "/console/upload", "/console/drops", "/console/drops/" + dropOfA)) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/console/sign-in"));
        }
        assertThat(anonymous.get("/").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/console/sign-in"));
        HttpResponse<String> signIn = anonymous.get("/console/sign-in");
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
        assertThat(anonymous.post("/console/sign-in", "username=console-a-admin&password=x").statusCode())
                .as("no CSRF token").isEqualTo(403);
    }

    @Test
    void aDistrictAdminReachesOnlyTheirDistrictsDrops() throws Exception {
        ConsoleClient a = new ConsoleClient(service).signIn("console-a-admin", PASSWORD);
        assertThat(a.get("/console").body()).contains("Set up the sync for", "<span>console-a</span>");
        assertThat(a.get("/console/drops/" + dropOfA).statusCode()).isEqualTo(200);
        HttpResponse<String> other = a.get("/console/drops/" + dropOfB);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("Not found").doesNotContain("console-b");
        assertThat(a.get("/console/drops/999999").statusCode()).isEqualTo(404);
        assertThat(a.get("/console/drops").body()).contains("Drop " + dropOfA).doesNotContain("Drop " + dropOfB + "<");

        assertThat(a.post("/console/schools/match", "org=x&school=1").statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> unknownOrg = a.post("/console/schools/match", "org=x&school=1&_csrf="
                + a.csrf("/console/schools"));
        assertThat(unknownOrg.statusCode()).as("a school the latest files do not have").isEqualTo(404);

        HttpResponse<String> noToken = a.post("/console/sign-out", "");
        assertThat(noToken.statusCode()).as("sign-out needs the token too").isEqualTo(403);
        HttpResponse<String> out = a.post("/console/sign-out", "_csrf=" + a.csrf("/console"));
        assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/console/sign-in?signed-out"));
        assertThat(a.get("/console").statusCode()).as("signed out").isEqualTo(302);
    }

    @Test
    void aSessionEndsWhenItsAccountsPasswordIsResetOrTheAccountDisabled() throws Exception {
        long a = new Districts(service.dataSource()).find("console-a").orElseThrow().id();
        AdminAccounts accounts = new AdminAccounts(service.dataSource());
        io.rostersync.accounts.Admin admin = accounts.create(a, "console-a-reset", PASSWORD, AdminRole.DISTRICT_ADMIN,
                List.of());
        ConsoleClient browser = new ConsoleClient(service).signIn("console-a-reset", PASSWORD);
        assertThat(browser.get("/console").statusCode()).isEqualTo(200);
        accounts.setPassword(a, admin.id(), PASSWORD + " changed");
        HttpResponse<String> after = browser.get("/console");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/console/sign-in?expired"));
        assertThat(browser.get("/console").statusCode()).as("the session is gone").isEqualTo(302);

        accounts.setPassword(a, admin.id(), PASSWORD);
        ConsoleClient again = new ConsoleClient(service).signIn("console-a-reset", PASSWORD);
        assertThat(again.get("/console").statusCode()).isEqualTo(200);
        accounts.setDisabled(a, admin.id(), true);
        assertThat(again.get("/console").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/console/sign-in?expired"));
    }
}
