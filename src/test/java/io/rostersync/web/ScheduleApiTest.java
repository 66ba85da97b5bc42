package io.rostersync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestService;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.accounts.AuditEvent;
import io.rostersync.accounts.AuditTrail;
import io.rostersync.directory.Districts;
import io.rostersync.intake.Intakes;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule through the API: every field, a merge patch that can end a pause, refusals, and run now. */
@Tag("database")
class ScheduleApiTest {

    private static final String PASSWORD = "schedule password long enough";
    private static ApiClient admin;
    private static long district;
    private static TestService service;

    @TempDir
    static Path work;

    @BeforeAll
    static void district() throws Exception {
        service = TestService.shared();
        district = new Districts(service.dataSource()).findOrCreate("schedule-api").id();
        new AdminAccounts(service.dataSource()).create(district, "schedule-admin", PASSWORD, AdminRole.DISTRICT_ADMIN,
                List.of());
        admin = ApiClient.admin(service, "schedule-admin", PASSWORD);
    }

    @Test
    void everyFieldOfTheScheduleCanBeSetAndAPauseEnded() throws Exception {
        assertThat(admin.get("/api/v1/districts/schedule-api/schedule").body()).contains("\"syncEnabled\":false",
                "\"mode\":\"on_arrival\"", "\"dailyAt\":\"02:00\"", "\"timeZone\":\"UTC\"", "\"pausedUntil\":null");
        HttpResponse<String> daily = admin.send("PATCH", "/api/v1/districts/schedule-api/schedule",
                "{\"mode\":\"daily\",\"dailyAt\":\"03:15\",\"timeZone\":\"America/Chicago\",\"pausedUntil\":\"2099-08-15\"}");
        assertThat(daily.statusCode()).as(daily.body()).isEqualTo(200);
        assertThat(daily.body()).contains("\"mode\":\"daily\"", "\"dailyAt\":\"03:15\"",
                "\"timeZone\":\"America/Chicago\"", "\"pausedUntil\":\"2099-08-15\"", "\"pausedNow\":true",
                "\"syncEnabled\":false");
        HttpResponse<String> resumed = admin.send("PATCH", "/api/v1/districts/schedule-api/schedule",
                "{\"pausedUntil\":null}");
        assertThat(resumed.body()).contains("\"pausedUntil\":null", "\"pausedNow\":false", "\"mode\":\"daily\"");
        assertThat(new AuditTrail(service.dataSource()).list(district, null, 100)).extracting(AuditEvent::detail)
                .contains("daily at 03:15 America/Chicago; paused until 2099-08-15", "not paused");
    }

    @Test
    void aScheduleItCannotUseIsRefusedWithAHint() {
        for (String body : List.of("{\"mode\":\"weekly\"}", "{\"dailyAt\":\"25:00\"}", "{\"timeZone\":\"Mars/Base\"}",
                "{\"color\":\"red\"}", "{\"syncEnabled\":\"yes\"}", "{\"pausedUntil\":\"next summer\"}")) {
            HttpResponse<String> refused = admin.send("PATCH", "/api/v1/districts/schedule-api/schedule", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).as(body).contains("\"hint\":");
        }
    }

    @Test
    void runNowSyncsTheLatestDropAgainAndSaysSoWhenThereIsNone() throws Exception {
        long empty = new Districts(service.dataSource()).findOrCreate("schedule-empty").id();
        new AdminAccounts(service.dataSource()).create(empty, "schedule-empty-admin", PASSWORD,
                AdminRole.DISTRICT_ADMIN, List.of());
        HttpResponse<String> nothing = ApiClient.admin(service, "schedule-empty-admin", PASSWORD)
                .send("POST", "/api/v1/districts/schedule-empty/schedule/run-now", null);
        assertThat(nothing.statusCode()).isEqualTo(409);
        assertThat(nothing.body()).contains("no files yet");

        Path folder = Files.createDirectories(work.resolve("sent"));
        Files.writeString(folder.resolve("users.csv"), "sourcedId\n");
        Intakes intakes = new Intakes(service.dataSource());
        intakes.finish(intakes.record(district, "upload", List.of("users.csv"), 10, "schedule-sha", folder),
                "previewed", null, "read before");
        HttpResponse<String> again = admin.send("POST", "/api/v1/districts/schedule-api/schedule/run-now", null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(again.body()).contains("\"channel\":\"rerun\"", "\"status\":\"received\"", "as previews");
        // not left for other tests' runners: this test is about asking, DropRunner's tests about running
        for (Intakes.Intake waiting : intakes.waiting(district)) {
            intakes.finish(waiting, "skipped", null, "test");
        }
    }
}
