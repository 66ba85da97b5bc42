package io.rostersync.intake.internal.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.ReadResult;
import io.rostersync.oneroster.User;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district read from Clever's Data API (payloads in src/test/resources/api/clever, shaped by Clever's
 * own API description) becomes a OneRoster 1.1 package the reader takes without an error: the district
 * and schools, terms, courses, sections and their enrollments, students, teachers, staff and contacts
 * with their students; pages follow the next links; a 429 waits until X-RateLimit-Reset.
 */
class CleverPullTest {

    private static final String V3 = "/v3.0";
    private WireMockServer server;
    private final List<Duration> waited = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        for (String c : List.of("districts", "schools", "terms", "courses", "sections")) {
            server.stubFor(get(urlPathEqualTo(V3 + "/" + c)).willReturn(json(fixture(c + ".json"))));
        }
        // the first page of users is refused once, until the window Clever names starts again
        server.stubFor(get(urlPathEqualTo(V3 + "/users")).withQueryParam("starting_after", absent())
                .inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Reset",
                        Long.toString(clock.instant().getEpochSecond() + 42)).withBody("Too Many Requests"))
                .willSetStateTo("open"));
        server.stubFor(get(urlPathEqualTo(V3 + "/users")).withQueryParam("starting_after", absent())
                .inScenario("rate").whenScenarioStateIs("open").willReturn(json(fixture("users-1.json"))));
        server.stubFor(get(urlPathEqualTo(V3 + "/users"))
                .withQueryParam("starting_after", equalTo("5a5f3e2c8c5e1a0001d1e502"))
                .willReturn(json(fixture("users-2.json"))));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/api/clever", name));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private OneRosterRestPull.Pulled pull(Set<String> types, Set<String> relationships) throws Exception {
        ApiHttp http = new ApiHttp(new BearerToken("district-token"), waited::add, clock).allowingPrivateHosts(true);
        return new CleverPull(http, URI.create(server.baseUrl() + V3), 1000, types, relationships,
                LocalDate.of(2026, 12, 4)).pullInto(folder);
    }

    @Test
    void aCleverDistrictBecomesAPackageTheReaderTakesWithoutAnError() throws Exception {
        OneRosterRestPull.Pulled pulled = pull(Set.of(), Set.of());

        assertThat(pulled.rows()).containsEntry("orgs.csv", 3L).containsEntry("classes.csv", 2L)
                .containsEntry("enrollments.csv", 6L).containsEntry("users.csv", 7L);
        assertThat(waited).as("until X-RateLimit-Reset").containsExactly(Duration.ofSeconds(42));
        ReadResult read = OneRosterReader.read(folder);
        assertThat(read.report().problems()).filteredOn(p -> p.severity().name().equals("ERROR")).isEmpty();
        Map<String, User> users;
        try (Stream<User> all = read.snapshot().users()) {
            users = all.collect(Collectors.toMap(User::sourcedId, u -> u));
        }
        assertThat(users.get("5a5f3e2c8c5e1a0001d1e501")).satisfies(u -> {
            assertThat(u.givenName()).isEqualTo("Amara");
            assertThat(u.identifier()).isEqualTo("1001");
            assertThat(u.grades()).containsExactly("04");
            assertThat(u.username()).isEqualTo("aokafor");
        });
        assertThat(users.get("5a5f3e2c8c5e1a0001d1e502").grades()).containsExactly("KG");
        assertThat(users.get("5a5f3e2c8c5e1a0001d1e701")).as("a contact's whole name, split").satisfies(u -> {
            assertThat(u.givenName()).isEqualTo("Ngozi");
            assertThat(u.familyName()).isEqualTo("Okafor");
            assertThat(u.sms()).isEqualTo("(206) 555-0101");
            assertThat(u.agentSourcedIds()).containsExactly("5a5f3e2c8c5e1a0001d1e501", "5a5f3e2c8c5e1a0001d1e502");
        });
        assertThat(users).as("staff who also teaches: two rows of one person").containsKeys(
                "5a5f3e2c8c5e1a0001d1e602", "5a5f3e2c8c5e1a0001d1e602/staff");
        String usersCsv = Files.readString(folder.resolve("users.csv"));
        assertThat(usersCsv).as("demographics are never read").doesNotContain("1/31/2017").doesNotContain("Unknown");
        assertThat(Files.readAllLines(folder.resolve("enrollments.csv"))).contains(
                "5a5f3e2c8c5e1a0001d1e401/5a5f3e2c8c5e1a0001d1e601,,,5a5f3e2c8c5e1a0001d1e401,5a5f3e2c8c5e1a0001d1e101,"
                        + "5a5f3e2c8c5e1a0001d1e601,teacher,true,,",
                "5a5f3e2c8c5e1a0001d1e401/5a5f3e2c8c5e1a0001d1e602,,,5a5f3e2c8c5e1a0001d1e401,5a5f3e2c8c5e1a0001d1e101,"
                        + "5a5f3e2c8c5e1a0001d1e602,teacher,false,,");
        assertThat(Files.readAllLines(folder.resolve("classes.csv"))).anySatisfy(l -> assertThat(l)
                .startsWith("5a5f3e2c8c5e1a0001d1e402,,,Homeroom 4B,04," + CleverPull.NO_COURSE + ",,homeroom,"));
    }

    /** A district that syncs only parents and guardians: an emergency contact is not written. */
    @Test
    void onlyTheContactTypesTheDistrictSyncsAreWritten() throws Exception {
        pull(Set.of("Parent/Guardian"), Set.of());
        String users = Files.readString(folder.resolve("users.csv"));
        assertThat(users).contains("5a5f3e2c8c5e1a0001d1e701").doesNotContain("5a5f3e2c8c5e1a0001d1e702");
    }
}
