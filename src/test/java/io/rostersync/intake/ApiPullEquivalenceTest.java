package io.rostersync.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rostersync.TestClock;
import io.rostersync.TestSecrets;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.OneRosterRestStub;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.schedule.DropRunner;
import io.rostersync.schedule.SyncSchedule;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One path, not two: a generated district served by a OneRoster REST stub ({@link OneRosterRestStub}:
 * its CSV as the binding's JSON, in pages), pulled and taken as a drop, makes the very directory the same
 * district makes when it comes as CSV. And a pull that fails half-way leaves nothing behind.
 */
@Tag("database")
class ApiPullEquivalenceTest {

    private static final String ROOT = "/ims/oneroster/v1p1";
    private static final List<String> FILES = List.of("orgs", "academicSessions", "courses", "classes", "users",
            "enrollments");
    private static final int PAGE = 100;

    private static Database db;
    private static OneRosterRestStub stub;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        db = TestDatabases.fresh("api_pull");
    }

    /** Each test pulls its own district's API alone: what another test connected is not due here. */
    @BeforeEach
    void forgetOtherApis() throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM roster_api")) {
            s.executeUpdate();
        }
    }

    @AfterAll
    static void stop() {
        if (stub != null) {
            stub.close();
        }
        db.close();
    }

    /** The district's directory by the source's ids: no local id, so that two districts compare. */
    private static String directory(long district) throws Exception {
        List<String> queries = List.of("""
                SELECT l.sourced_id, p.kind, p.given_name, p.family_name, p.middle_name, p.preferred_given_name,
                       p.preferred_family_name, p.email, p.sms_phone, p.home_phone, p.grade, p.student_number,
                       p.username, p.state, p.managed_by
                FROM source_link l JOIN person p ON p.district_id = l.district_id AND p.id = l.local_id
                WHERE l.district_id = ? AND l.kind = 'person' ORDER BY 1""", """
                SELECT l.sourced_id, r.role, coalesce((SELECT min(s.org_sourced_id) FROM school_source_id s
                       WHERE s.district_id = r.district_id AND s.school_id = r.school_id), 'district')
                FROM person_role r JOIN source_link l ON l.district_id = r.district_id AND l.kind = 'person'
                  AND l.local_id = r.person_id
                WHERE r.district_id = ? ORDER BY 1, 2, 3""", """
                SELECT l.sourced_id, c.title, c.code, c.grades, c.periods, c.terms, c.state,
                       (SELECT min(s.org_sourced_id) FROM school_source_id s WHERE s.district_id = c.district_id
                        AND s.school_id = c.school_id)
                FROM source_link l JOIN classroom c ON c.district_id = l.district_id AND c.id = l.local_id
                WHERE l.district_id = ? AND l.kind = 'classroom' ORDER BY 1""", """
                SELECT lc.sourced_id, lp.sourced_id, m.role
                FROM classroom_member m
                JOIN source_link lc ON lc.district_id = m.district_id AND lc.kind = 'classroom' AND lc.local_id = m.classroom_id
                JOIN source_link lp ON lp.district_id = m.district_id AND lp.kind = 'person' AND lp.local_id = m.person_id
                WHERE m.district_id = ? ORDER BY 1, 2, 3""", """
                SELECT lg.sourced_id, ls.sourced_id, g.relationship
                FROM guardian_link g
                JOIN source_link lg ON lg.district_id = g.district_id AND lg.kind = 'person' AND lg.local_id = g.guardian_id
                JOIN source_link ls ON ls.district_id = g.district_id AND ls.kind = 'person' AND ls.local_id = g.student_id
                WHERE g.district_id = ? ORDER BY 1, 2""", """
                SELECT s.org_sourced_id, sc.name, sc.state FROM school_source_id s
                JOIN school sc ON sc.district_id = s.district_id AND sc.id = s.school_id
                WHERE s.district_id = ? ORDER BY 1""");
        StringBuilder out = new StringBuilder();
        try (Connection c = db.dataSource().getConnection()) {
            for (String sql : queries) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, district);
                    try (ResultSet rs = s.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                out.append(rs.getString(i)).append('\t');
                            }
                            out.append('\n');
                        }
                    }
                }
                out.append("--\n");
            }
        }
        return out.toString();
    }

    @Test
    void aDistrictPulledFromTheRestApiIsTheDirectoryItsCsvMakes() throws Exception {
        Path csv = RosterGenerator.generate(GeneratorOptions.of(300).withSeed(11), work.resolve("district")).output();
        stub = OneRosterRestStub.serve(csv, 0, "district-token");
        Districts districts = new Districts(db.dataSource());
        long fromCsv = districts.findOrCreate("api-csv").id();
        long fromApi = districts.findOrCreate("api-rest").id();

        RunReport csvRun = new Syncs(db.dataSource(), TestSecrets.BOX).sync(Syncs.Request.of("api-csv", csv));

        // connected as an admin would: saved with its secret sealed, tested, then pulled when due
        RosterApis apis = new RosterApis(db.dataSource(), TestSecrets.BOX);
        apis.save(fromApi, new RosterApis.Settings(stub.baseUrl(), "1.1", "bearer", null, "district-token",
                null, null, 60, true));
        ApiPulls pulls = new ApiPulls(db.dataSource(), TestSecrets.BOX, work.resolve("data"), Clock.systemUTC(),
                d -> { }, PAGE, true);
        ApiPulls.ConnectionTest test = pulls.test(fromApi);
        assertThat(test.connected()).isTrue();
        assertThat(test.schools()).isNotEmpty().allMatch(s -> s.contains("(School ID "));
        List<Intakes.Intake> drops = pulls.pullDue(AppliedRuns.NONE);
        assertThat(drops).singleElement().satisfies(drop -> {
            assertThat(drop.channel()).isEqualTo("api");
            assertThat(drop.status()).isEqualTo("received");
        });
        RosterApis.RosterApi pulledApi = apis.find(fromApi).orElseThrow();
        assertThat(pulledApi.pullError()).isNull();
        assertThat(pulledApi.pullRequests()).as("pages of " + PAGE + " (users and enrollments take several)")
                .isGreaterThan(FILES.size());
        assertThat(pulledApi.nextPullAt()).isEqualTo(pulledApi.pulledAt().plus(java.time.Duration.ofHours(1)));
        assertThat(pulls.pullDue(AppliedRuns.NONE)).as("not due again before its hour").isEmpty();
        new SyncSchedule(db.dataSource()).setSyncEnabled(fromApi, true);
        assertThat(new DropRunner(db.dataSource(), TestSecrets.BOX).runWaiting()).isEqualTo(1);

        String viaCsv = directory(fromCsv);
        assertThat(viaCsv.lines().count()).as("a district, not an empty directory").isGreaterThan(1000);
        assertThat(directory(fromApi)).isEqualTo(viaCsv);
        assertThat(csvRun.changes()).isPositive();

        // the same roster pulled again is the same drop: skipped, nothing to do
        apis.pullNow(fromApi);
        assertThat(pulls.pullDue(AppliedRuns.NONE)).singleElement().satisfies(drop -> assertThat(drop.status()).isEqualTo("skipped"));

        // the district asks for larger pages (an API far away): the same roster, in fewer requests
        long inPagesOf100 = apis.find(fromApi).orElseThrow().pullRequests();
        apis.save(fromApi, new RosterApis.Settings(stub.baseUrl(), "1.1", "bearer", null, null, null, null, 60, true,
                "oneroster", null, null, 5_000));
        assertThat(pulls.pullDue(AppliedRuns.NONE)).singleElement().satisfies(drop -> assertThat(drop.status()).isEqualTo("skipped"));
        assertThat(apis.find(fromApi).orElseThrow().pullRequests()).as("one page a file, and one to see the end")
                .isLessThan(inPagesOf100).isLessThanOrEqualTo(2L * FILES.size());
    }

    /**
     * Between whole pulls, a pull reads only what changed since the drop the directory last synced was
     * read (filter=dateLastModified>'...'), and the district's directory is still the one its CSV makes:
     * changes, re-enrollments, leavers the provider marks tobedeleted; no drop when nothing changed. A
     * provider that deletes outright is caught up with at the next whole pull. (The stub dates its
     * answers by this machine's clock, as the JDK's server does; the pulls' schedule goes by a test clock.)
     */
    @Test
    void betweenWholePullsTheChangesAloneKeepTheDirectoryTheOneItsCsvMakes() throws Exception {
        GeneratorOptions district = GeneratorOptions.of(300).withSeed(13);
        Path day0 = RosterGenerator.generate(district, work.resolve("changes-day0")).output();
        Path day1 = RosterGenerator.generate(district.withDay(1), work.resolve("changes-day1")).output();
        Path day2 = RosterGenerator.generate(district.withDay(2), work.resolve("changes-day2")).output();
        TestClock clock = new TestClock(java.time.Instant.now());
        Districts districts = new Districts(db.dataSource());
        long fromCsv = districts.findOrCreate("changes-csv").id();
        long fromApi = districts.findOrCreate("changes-rest").id();
        Syncs syncs = new Syncs(db.dataSource(), TestSecrets.BOX);
        DropRunner runner = new DropRunner(db.dataSource(), TestSecrets.BOX);
        new SyncSchedule(db.dataSource()).setSyncEnabled(fromApi, true);
        RosterApis apis = new RosterApis(db.dataSource(), TestSecrets.BOX);
        ApiPulls pulls = new ApiPulls(db.dataSource(), TestSecrets.BOX, work.resolve("changes-data"), clock, d -> { },
                PAGE, true);
        try (OneRosterRestStub provider = OneRosterRestStub.serve(day0, 0, "district-token")) {
            apis.save(fromApi, new RosterApis.Settings(provider.baseUrl(), "1.1", "bearer", null, "district-token",
                    null, null, 60, true, "oneroster", null, null, null, 24));

            // day 0: the first pull reads everything
            syncs.sync(Syncs.Request.of("changes-csv", day0));
            assertThat(pulls.pullDue(runner.appliedRuns())).singleElement()
                    .satisfies(drop -> assertThat(drop.origin()).doesNotContain("changes"));
            assertThat(runner.runWaiting()).isEqualTo(1);
            String csvDay0 = directory(fromCsv);
            assertThat(directory(fromApi)).isEqualTo(csvDay0);
            long wholeRequests = apis.find(fromApi).orElseThrow().pullRequests();

            // the changes alone only where the directory's latest run is what the last pull read, and no
            // other drop waits: an upload waiting would be synced first
            assertThat(pulls.changesSince(fromApi, runner.appliedRuns())).isNotNull();
            assertThat(pulls.changesSince(fromApi, AppliedRuns.NONE)).isNull();
            Intakes intakes = new Intakes(db.dataSource());
            Intakes.Intake upload = intakes.record(fromApi, "upload", List.of("users.csv"), 1, "an-upload", work);
            assertThat(pulls.changesSince(fromApi, runner.appliedRuns())).as("a drop waits").isNull();
            intakes.finish(upload, "failed", null, "a test's drop");
            ApiPulls.ChangesSince since = pulls.changesSince(fromApi, runner.appliedRuns());
            assertThat(since).isNotNull();
            // ... and one that comes while the changes are read overtakes them: not kept, the next pull whole
            ApiPulls.Pulled overtaken = pulls.pull(fromApi, apis.source(fromApi),
                    new ApiPulls.ChangesSince(since.since(), since.baseRun(), since.lastDropId() - 1), null);
            assertThat(overtaken.drop()).isNull();
            assertThat(overtaken.described()).contains("not kept");
            // ... and what was read of a source the district no longer gives is no drop
            ApiSource elsewhere = new ApiSource(URI.create(provider.baseUrl().replace("127.0.0.1", "localhost")),
                    OneRosterVersion.V1_1, ApiSource.Auth.BEARER, null, "district-token", null, null);
            long drops = intakes.list(fromApi, 100).size();
            assertThatThrownBy(() -> pulls.pull(fromApi, elsewhere)).isInstanceOf(PullFailedException.class)
                    .hasMessageContaining("settings changed while it was read");
            assertThat(intakes.list(fromApi, 100)).hasSize((int) drops);
            assertThat(apis.find(fromApi).orElseThrow().fullPulledAt()).as("the next pull reads everything").isNull();
            assertThat(pulls.pullDue(runner.appliedRuns())).singleElement().satisfies(drop -> {
                assertThat(drop.origin()).doesNotContain("changes");
                assertThat(drop.status()).as("the same roster").isEqualTo("skipped");
            });

            // nothing changed since: no drop, and the API says so
            clock.advance(java.time.Duration.ofHours(1));
            assertThat(pulls.pullDue(runner.appliedRuns())).isEmpty();
            assertThat(apis.find(fromApi).orElseThrow().lastPull()).startsWith("no changes since");
            assertThat(apis.find(fromApi).orElseThrow().pullError()).isNull();

            // day 1: the SIS changes; the next pull reads the changes alone
            provider.replace(day1, java.time.Instant.now(), true);
            syncs.sync(Syncs.Request.of("changes-csv", day1));
            clock.advance(java.time.Duration.ofHours(1));
            assertThat(pulls.pullDue(runner.appliedRuns())).singleElement().satisfies(drop -> {
                assertThat(drop.origin()).contains(", changes since");
                assertThat(drop.status()).isEqualTo("received");
            });
            RosterApis.RosterApi afterChanges = apis.find(fromApi).orElseThrow();
            assertThat(afterChanges.lastPull()).startsWith("changes since");
            assertThat(afterChanges.pullRequests()).as("the changes fit in fewer pages").isLessThan(wholeRequests);
            assertThat(runner.runWaiting()).isEqualTo(1);
            String csvDay1 = directory(fromCsv);
            assertThat(csvDay1).as("day 1 is another directory").isNotEqualTo(csvDay0);
            assertThat(directory(fromApi)).isEqualTo(csvDay1);

            // changes of the last minutes are read again (a transaction may still have been writing them):
            // the same changes, the same drop, skipped
            clock.advance(java.time.Duration.ofHours(1));
            assertThat(pulls.pullDue(runner.appliedRuns())).singleElement()
                    .satisfies(drop -> assertThat(drop.status()).isEqualTo("skipped"));

            // day 2 from a provider that deletes outright: the changes miss who left ...
            provider.replace(day2, java.time.Instant.now(), false);
            syncs.sync(Syncs.Request.of("changes-csv", day2));
            clock.advance(java.time.Duration.ofHours(1));
            assertThat(pulls.pullDue(runner.appliedRuns())).singleElement()
                    .satisfies(drop -> assertThat(drop.origin()).contains(", changes since"));
            assertThat(runner.runWaiting()).isEqualTo(1);
            String csvDay2 = directory(fromCsv);
            java.util.Set<String> extra = new java.util.TreeSet<>(members(fromApi));
            extra.removeAll(members(fromCsv));
            java.util.Set<String> missing = new java.util.TreeSet<>(members(fromCsv));
            missing.removeAll(members(fromApi));
            assertThat(extra).as("enrollments deleted outright: their members are still in the classes").isNotEmpty();
            assertThat(missing).as("nothing else differs in the classes").isEmpty();

            // ... until the whole pull, a day after the last
            clock.advance(java.time.Duration.ofHours(24));
            assertThat(pulls.pullDue(runner.appliedRuns())).singleElement()
                    .satisfies(drop -> assertThat(drop.origin()).doesNotContain("changes"));
            assertThat(apis.find(fromApi).orElseThrow().lastPull()).startsWith("the whole roster");
            assertThat(runner.runWaiting()).isEqualTo(1);
            assertThat(directory(fromApi)).isEqualTo(csvDay2);

            // day 3: changes read on top of a run the directory no longer holds as its latest when their turn
            // comes (an admin's hand in the directory since) are set aside, and the next pull reads everything
            Path day3 = RosterGenerator.generate(district.withDay(3), work.resolve("changes-day3")).output();
            provider.replace(day3, java.time.Instant.now(), true);
            syncs.sync(Syncs.Request.of("changes-csv", day3));
            clock.advance(java.time.Duration.ofHours(1));
            assertThat(pulls.pullDue(runner.appliedRuns())).singleElement()
                    .satisfies(drop -> assertThat(drop.origin()).contains(", changes since"));
            new io.rostersync.directory.DirectoryStore(db.dataSource()).touchQuietly(fromApi);
            assertThat(runner.runWaiting()).isEqualTo(1);
            assertThat(intakes.list(fromApi, 1)).singleElement().satisfies(drop -> {
                assertThat(drop.status()).isEqualTo("skipped");
                assertThat(drop.detail()).contains("set aside");
            });
            assertThat(pulls.pullDue(runner.appliedRuns())).singleElement()
                    .satisfies(drop -> assertThat(drop.origin()).doesNotContain("changes"));
            assertThat(runner.runWaiting()).isEqualTo(1);
            assertThat(directory(fromApi)).isEqualTo(directory(fromCsv));
        }
    }

    /** The district's classroom members, as class:user:role by the source's ids. */
    private static List<String> members(long district) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT lc.sourced_id || ':' || lp.sourced_id || ':' || m.role FROM classroom_member m
                JOIN source_link lc ON lc.district_id = m.district_id AND lc.kind = 'classroom' AND lc.local_id = m.classroom_id
                JOIN source_link lp ON lp.district_id = m.district_id AND lp.kind = 'person' AND lp.local_id = m.person_id
                WHERE m.district_id = ?""")) {
            s.setLong(1, district);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    @Test
    void aPullThatFailsHalfWayLeavesNoDropAndNoFiles() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("api-broken").id();
        Path data = work.resolve("broken");
        WireMockServer broken = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        broken.start();
        try {
            for (String file : FILES) {
                broken.stubFor(get(urlPathEqualTo(ROOT + "/" + file)).willReturn(aResponse()
                        .withHeader("Content-Type", "application/json").withBody("{\"" + file + "\": []}")));
            }
            broken.stubFor(get(urlPathEqualTo(ROOT + "/users")).willReturn(aResponse().withStatus(500)));
            ApiPulls pulls = new ApiPulls(db.dataSource(), TestSecrets.BOX, data, Clock.systemUTC(), d -> { }, PAGE, true);
            ApiSource source = new ApiSource(URI.create(broken.baseUrl() + ROOT), OneRosterVersion.V1_1,
                    ApiSource.Auth.BEARER, null, "t", null, null);
            assertThatThrownBy(() -> pulls.pull(district, source)).isInstanceOfSatisfying(PullFailedException.class,
                    e -> {
                        assertThat(e.status()).isEqualTo(500);
                        assertThat(e.getMessage()).isEqualTo("The server refused the request for users (HTTP 500).");
                        assertThat(e.hint()).contains("Nothing was changed");
                    });
            assertThat(new Intakes(db.dataSource()).list(district, 10)).as("no drop").isEmpty();
            try (Stream<Path> left = Files.walk(data)) {
                assertThat(left.filter(Files::isRegularFile).toList()).as("no file half-written").isEmpty();
            }
        } finally {
            broken.stop();
        }
    }
}
