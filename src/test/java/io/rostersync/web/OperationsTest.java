package io.rostersync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestService;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.intake.Intakes;
import io.rostersync.schedule.DropRunner;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the operator's monitoring sees: health and readiness without signing in, and Prometheus metrics. */
@Tag("database")
class OperationsTest {

    private final TestService service = TestService.shared();
    private final ApiClient anonymous = ApiClient.anonymous(service);

    @Test
    void healthAndReadinessAnswerWithoutSigningIn() {
        HttpResponse<String> health = anonymous.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("jdbc");
        assertThat(anonymous.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void otherActuatorEndpointsAndUnknownPathsAreClosed() {
        assertThat(anonymous.get("/actuator/env").statusCode()).isIn(401, 403, 404);
        assertThat(anonymous.get("/actuator/env").body()).doesNotContain("spring.datasource");
        assertThat(anonymous.get("/actuator/beans").statusCode()).isIn(401, 403, 404);
        assertThat(anonymous.get("/anything").statusCode()).isIn(401, 403);
    }

    @Test
    void prometheusCountsSyncedDropsWaitingDropsAndSftpEventsWithoutNamingDistricts() throws Exception {
        long district = new Districts(service.dataSource()).findOrCreate("operations").id();
        Path folder = Files.createDirectories(service.dataDir().resolve("intake-test").resolve("operations"));
        RosterGenerator.generate(GeneratorOptions.of(60), folder.resolve("district.zip"));
        new Intakes(service.dataSource()).record(district, "upload", List.of("district.zip"),
                Files.size(folder.resolve("district.zip")), "operations-sha", folder);
        String before = anonymous.get("/actuator/prometheus").body();
        assertThat(before).contains("rostersync_drops_waiting");
        assertThat(new DropRunner(service.dataSource(), service.bean(io.rostersync.storage.SecretBox.class)).runWaiting()).isGreaterThanOrEqualTo(1);

        HttpResponse<String> scrape = anonymous.get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("rostersync_sync_duration_seconds_count{status=\"preview\"}",
                "rostersync_sync_records_per_second_count", "jvm_memory_used_bytes", "hikaricp_connections")
                .doesNotContain("operations");
    }
}
