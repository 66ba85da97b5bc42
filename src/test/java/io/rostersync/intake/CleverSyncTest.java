package io.rostersync.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rostersync.TestSecrets;
import io.rostersync.directory.Districts;
import io.rostersync.schedule.DropRunner;
import io.rostersync.schedule.SyncSchedule;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A district connected to Clever (a WireMock stub with Clever-shaped payloads): its API saved with the
 * district-app token, pulled when due, and synced by the drop runner as any drop: students, teachers,
 * staff, guardians linked to their children by Clever's relationships, sections as classrooms; the
 * sync links people by Clever's ids, so a later pull finds them again.
 */
@Tag("database")
class CleverSyncTest {

    private static Database db;
    private static WireMockServer server;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.fresh("clever_sync");
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        for (String c : List.of("districts", "schools", "terms", "courses", "sections")) {
            server.stubFor(get(urlPathEqualTo("/v3.0/" + c)).withHeader("Authorization", equalTo("Bearer district-app"))
                    .willReturn(json(fixture(c + ".json"))));
        }
        server.stubFor(get(urlPathEqualTo("/v3.0/users")).withQueryParam("starting_after", absent())
                .willReturn(json(fixture("users-1.json"))));
        server.stubFor(get(urlPathEqualTo("/v3.0/users"))
                .withQueryParam("starting_after", equalTo("5a5f3e2c8c5e1a0001d1e502"))
                .willReturn(json(fixture("users-2.json"))));
    }

    @AfterAll
    static void stop() {
        server.stop();
        db.close();
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/api/clever", name));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void aDistrictConnectedToCleverIsSyncedAsAnyDrop() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("clever-district").id();
        RosterApis apis = new RosterApis(db.dataSource(), TestSecrets.BOX);
        RosterApis.RosterApi saved = apis.save(district, new RosterApis.Settings(server.baseUrl() + "/v3.0", null,
                null, null, "district-app", null, null, 60, true, "clever", List.of(), List.of()));
        assertThat(saved.provider()).isEqualTo(ApiSource.Provider.CLEVER);
        assertThat(saved.auth()).isEqualTo(ApiSource.Auth.BEARER);
        ApiPulls pulls = new ApiPulls(db.dataSource(), TestSecrets.BOX, work.resolve("data"), Clock.systemUTC(),
                d -> { }, 1000, true);
        assertThat(pulls.test(district).schools()).containsExactly(
                "Eastlake Elementary (School ID 5a5f3e2c8c5e1a0001d1e101)",
                "Lincoln Middle (School ID 5a5f3e2c8c5e1a0001d1e102)");
        Intakes.Intake drop = pulls.pullDue(AppliedRuns.NONE).get(0);
        assertThat(drop.channel()).isEqualTo("api");
        String clever = "Clever (" + java.net.URI.create(server.baseUrl()).getHost() + ")";
        assertThat(drop.from()).as("the drop says where it came from").isEqualTo(clever);
        new SyncSchedule(db.dataSource()).setSyncEnabled(district, true);
        assertThat(new DropRunner(db.dataSource(), TestSecrets.BOX).runWaiting()).isEqualTo(1);
        Intakes intakes = new Intakes(db.dataSource());
        long run = intakes.find(district, drop.id()).orElseThrow().runId();
        assertThat(intakes.dropsOfRuns(district, List.of(run)).get(run).from())
                .as("the run's records were synced from Clever").isEqualTo(clever);

        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        Map<String, Long> kinds = new java.util.TreeMap<>();
        jdbc.sql("SELECT kind, count(*) FROM person WHERE district_id = ? GROUP BY kind").param(district)
                .query((rs, n) -> kinds.put(rs.getString(1), rs.getLong(2))).list();
        // Chidi Eze, an emergency contact with a home phone only, cannot be reached: skipped by the default
        // setting for guardians without an email or an SMS-capable phone
        assertThat(kinds).containsEntry("students", 2L).containsEntry("staff", 2L).containsEntry("guardians", 1L);
        List<String> links = jdbc.sql("""
                SELECT g.given_name || ' ' || g.family_name || ' > ' || s.given_name || ' (' || l.relationship || ')'
                FROM guardian_link l JOIN person g ON g.district_id = l.district_id AND g.id = l.guardian_id
                JOIN person s ON s.district_id = l.district_id AND s.id = l.student_id
                WHERE l.district_id = ? ORDER BY 1""").param(district).query(String.class).list();
        assertThat(links).containsExactly("Ngozi Okafor > Amara (parent)", "Ngozi Okafor > Bilal (parent)");
        assertThat(jdbc.sql("SELECT count(*) FROM classroom WHERE district_id = ?").param(district).query(Long.class)
                .single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM source_link WHERE district_id = ? AND sourced_id ="
                + " '5a5f3e2c8c5e1a0001d1e501'").param(district).query(Long.class).single())
                .as("linked by Clever's id").isEqualTo(1);
    }
}
