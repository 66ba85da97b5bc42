package io.rostersync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestClock;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.intake.Arrival;
import io.rostersync.intake.DropArrivals;
import io.rostersync.intake.DropWatcher;
import io.rostersync.intake.Intakes;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import io.rostersync.sync.RunStatus;
import io.rostersync.sync.Syncs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From files in a district's SFTP folder to a run: a drop is taken once its files are stable and
 * none is still being written, moved out of the folder, recorded, and synced one at a time per
 * district: previewed while the district's sync is disabled, applied once it is enabled; the same
 * bytes again are recorded and skipped.
 */
@Tag("database")
class DropsTest {

    private static Database db;
    private static Path day0;
    private static Path day1;

    @TempDir
    static Path packages;

    @TempDir
    Path dataDir;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T02:00:00Z"));

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabases.fresh("drops");
        day0 = RosterGenerator.generate(GeneratorOptions.of(200), packages.resolve("day0.zip")).output();
        day1 = RosterGenerator.generate(GeneratorOptions.of(200).withDay(1), packages.resolve("day1.zip")).output();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private Path folder(long district) throws Exception {
        return Files.createDirectories(dataDir.resolve("sftp").resolve(Long.toString(district)));
    }

    @Test
    void aDropIsTakenOnlyOnceItsFilesAreStableAndNoneIsStillBeingWritten() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("stable").id();
        DropWatcher watcher = new DropWatcher(dataDir, db.dataSource(), Duration.ofSeconds(30), clock, (id, name) -> false);
        Path folder = folder(district);
        Files.writeString(folder.resolve("users.csv"), "sourcedId\n");
        Files.writeString(folder.resolve("enrollments.csv.part"), "half");
        assertThat(watcher.scan()).as("first seen").isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(watcher.scan()).as("a file still has its temporary name").isEmpty();
        Files.move(folder.resolve("enrollments.csv.part"), folder.resolve("enrollments.csv"));
        clock.advance(Duration.ofSeconds(10));
        assertThat(watcher.scan()).as("renamed just now").isEmpty();
        Files.writeString(folder.resolve("users.csv"), "sourcedId,status\n");
        clock.advance(Duration.ofSeconds(25));
        assertThat(watcher.scan()).as("users.csv has changed since the last look").isEmpty();
        clock.advance(Duration.ofSeconds(25));
        assertThat(watcher.scan()).as("users.csv unchanged for 25 s only").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        List<Intakes.Intake> taken = watcher.scan();
        assertThat(taken).singleElement().satisfies(drop -> {
            assertThat(drop.files()).containsExactly("enrollments.csv", "users.csv");
            assertThat(drop.status()).isEqualTo("received");
            assertThat(drop.source()).isEqualTo(drop.path());
            assertThat(drop.path().resolve("users.csv")).hasContent("sourcedId,status");
        });
        try (var left = Files.list(folder)) {
            assertThat(left).as("the folder is empty for the next drop").isEmpty();
        }
    }

    @Test
    void aDistrictMaySayItsDropIsCompleteByAMarkerFileOrByRenamingItsZip() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("marked").id();
        DropArrivals arrivals = new DropArrivals(db.dataSource());
        arrivals.save(district, new Arrival(Arrival.Completeness.MARKER, null, "done.flag", 90));
        DropWatcher watcher = new DropWatcher(dataDir, db.dataSource(), Duration.ofSeconds(30), clock, (id, name) -> false);
        Path folder = folder(district);
        Files.writeString(folder.resolve("users.csv"), "sourcedId\n");
        clock.advance(Duration.ofHours(2));
        assertThat(watcher.scan()).as("no marker yet, however long").isEmpty();
        assertThat(watcher.scan()).isEmpty();
        Files.writeString(folder.resolve("done.flag"), "");
        assertThat(watcher.scan()).singleElement().satisfies(drop -> assertThat(drop.files()).containsExactly("users.csv"));
        try (var left = Files.list(folder)) {
            assertThat(left).as("the marker is used up with its drop").isEmpty();
        }

        arrivals.save(district, new Arrival(Arrival.Completeness.RENAMED_ZIP, null, "ready.txt", 90));
        Files.copy(day1, folder.resolve("day1.zip.part"));
        assertThat(watcher.scan()).as("still under its temporary name").isEmpty();
        Files.move(folder.resolve("day1.zip.part"), folder.resolve("day1.zip"));
        assertThat(watcher.scan()).as("renamed: complete at once").singleElement()
                .satisfies(drop -> assertThat(drop.files()).containsExactly("day1.zip"));
    }

    @Test
    void aFileTheSftpServerKnowsUnfinishedKeepsItsDropWaiting() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("unfinished").id();
        java.util.Set<String> unfinished = new java.util.HashSet<>(List.of("users.csv"));
        DropWatcher watcher = new DropWatcher(dataDir, db.dataSource(), Duration.ofSeconds(30), clock,
                (id, name) -> id == district && unfinished.contains(name));
        Files.writeString(folder(district).resolve("users.csv"), "sourcedId,st");
        watcher.scan();
        clock.advance(Duration.ofHours(1));
        assertThat(watcher.scan()).as("a connection dropped while it was sent").isEmpty();
        unfinished.clear(); // sent again, whole
        assertThat(watcher.scan()).hasSize(1);
    }

    @Test
    void dropsArePreviewedWhileTheSyncIsDisabledAppliedOnceEnabledAndTheSameBytesSkipped() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("previews").id();
        DropWatcher watcher = new DropWatcher(dataDir, db.dataSource(), Duration.ofSeconds(30), clock, (id, name) -> false);
        DropRunner runner = new DropRunner(db.dataSource(), io.rostersync.TestSecrets.BOX);
        Syncs syncs = new Syncs(db.dataSource(), io.rostersync.TestSecrets.BOX);

        Files.copy(day0, folder(district).resolve("district.zip"));
        watcher.scan();
        clock.advance(Duration.ofSeconds(31));
        assertThat(watcher.scan()).singleElement().satisfies(d -> assertThat(d.source().getFileName().toString())
                .isEqualTo("district.zip"));
        assertThat(runner.runWaiting()).isPositive();
        assertThat(syncs.runs("previews", 10)).singleElement().extracting(r -> r.status()).isEqualTo(RunStatus.PREVIEW);
        Intakes.Intake first = new Intakes(db.dataSource()).list(district, 1).get(0);
        assertThat(first.status()).isEqualTo("previewed");
        assertThat(first.files()).as("what is kept, once read").contains("users.csv", "enrollments.csv")
                .doesNotContain("district.zip");
        assertThat(first.path().getParent().resolve("district.zip")).as("the original").doesNotExist();
        assertThat(Files.readAllLines(first.path().resolve("users.csv")).get(0)).doesNotContain("password");
        assertThat(first.detail()).as("the generator's password column is empty: no oversharing to tell of")
                .doesNotContain("not kept");
        assertThat(first.runId()).isEqualTo(syncs.runs("previews", 1).get(0).run());

        new SyncSchedule(db.dataSource()).setSyncEnabled(district, true);
        Files.copy(day0, folder(district).resolve("district.zip"));
        watcher.scan();
        clock.advance(Duration.ofSeconds(31));
        assertThat(watcher.scan()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("skipped");
            assertThat(d.path().resolve("district.zip")).as("the same bytes are not kept twice").doesNotExist();
        });
        runner.runWaiting();
        assertThat(syncs.runs("previews", 10)).as("the same bytes are not synced again").hasSize(1);

        Files.copy(day1, folder(district).resolve("district.zip"));
        watcher.scan();
        clock.advance(Duration.ofSeconds(31));
        watcher.scan();
        assertThat(runner.runWaiting()).isPositive();
        assertThat(syncs.runs("previews", 10)).hasSize(2);
        assertThat(syncs.runs("previews", 1).get(0).status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(new Intakes(db.dataSource()).list(district, 3)).extracting(Intakes.Intake::status)
                .containsExactly("synced", "skipped", "previewed");
    }

    /** Two nodes (two claimers on one database) never run one district's drops at once, nor out of order. */
    @Test
    void twoNodesTakeEveryDropOnceOneAtATimePerDistrictInOrder() throws Exception {
        Intakes intakes = new Intakes(db.dataSource());
        java.util.Map<Long, List<Long>> expected = new java.util.concurrent.ConcurrentHashMap<>();
        for (String slug : List.of("race-a", "race-b", "race-c")) {
            long district = new Districts(db.dataSource()).findOrCreate(slug).id();
            for (int i = 0; i < 6; i++) {
                long id = intakes.record(district, "sftp", List.of("d.zip"), 1, slug + i, dataDir).id();
                expected.computeIfAbsent(district, k -> new java.util.ArrayList<>()).add(id);
            }
        }
        java.util.Map<Long, List<Long>> ran = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<Long, java.util.concurrent.atomic.AtomicInteger> running = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Callable<Void> node = () -> {
            int idle = 0;
            while (idle < 20) {
                java.util.Optional<Intakes.Intake> next = due(intakes);
                if (next.isEmpty()) {
                    idle++;
                    Thread.sleep(5);
                    continue;
                }
                idle = 0;
                Intakes.Intake drop = next.get();
                if (!expected.containsKey(drop.districtId())) {
                    intakes.finish(drop, "failed", null, "another test's drop");
                    continue;
                }
                if (running.computeIfAbsent(drop.districtId(), k -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                ran.computeIfAbsent(drop.districtId(), k -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()))
                        .add(drop.id());
                Thread.sleep(3); // the sync
                running.get(drop.districtId()).decrementAndGet();
                intakes.finish(drop, "synced", null, null);
            }
            return null;
        };
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (java.util.concurrent.Future<Void> f : nodes.invokeAll(List.of(node, node))) {
                f.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(overlaps).hasValue(0);
        assertThat(ran).isEqualTo(expected);
    }

    @Test
    void aDropLeftRunningByAProcessThatStoppedIsTakenBack() throws Exception {
        Intakes intakes = new Intakes(db.dataSource());
        long district = new Districts(db.dataSource()).findOrCreate("requeue").id();
        Intakes.Intake drop = intakes.record(district, "sftp", List.of("x.zip"), 1, "x", dataDir);
        assertThat(claimOf(intakes, district)).extracting(Intakes.Intake::id).isEqualTo(drop.id());
        assertThat(claimOf(intakes, district)).as("running: its process stopped before it finished").isNull();
        intakes.requeueAbandoned(Duration.ZERO);
        assertThat(claimOf(intakes, district)).as("taken back").extracting(Intakes.Intake::id).isEqualTo(drop.id());
    }

    /** Claims the next drop that is due, once every drop received has its time (on arrival, here). */
    private static java.util.Optional<Intakes.Intake> due(Intakes intakes) throws Exception {
        new Scheduling(db.dataSource(), java.time.Clock.systemUTC()).assign();
        return intakes.claim();
    }

    /** The next drop of this district to claim; other tests' drops met on the way are ended. */
    private static Intakes.Intake claimOf(Intakes intakes, long district) throws Exception {
        for (java.util.Optional<Intakes.Intake> next = due(intakes); next.isPresent(); next = due(intakes)) {
            if (next.get().districtId() == district) {
                return next.get();
            }
            intakes.finish(next.get(), "failed", null, "another test's drop");
        }
        return null;
    }

    @Test
    void aDistrictsDropsAreClaimedOneAtATimeInTheOrderTheyCame() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("queue").id();
        long other = new Districts(db.dataSource()).findOrCreate("queue-other").id();
        Intakes intakes = new Intakes(db.dataSource());
        assertThat(claimOf(intakes, -1)).as("other tests' drops ended first").isNull();
        Intakes.Intake a = intakes.record(district, "sftp", List.of("a.zip"), 1, "a", dataDir);
        Intakes.Intake b = intakes.record(district, "sftp", List.of("b.zip"), 1, "b", dataDir);
        Intakes.Intake c = intakes.record(other, "sftp", List.of("c.zip"), 1, "c", dataDir);
        assertThat(due(intakes)).get().extracting(Intakes.Intake::id).isEqualTo(a.id());
        assertThat(due(intakes)).as("the district has a drop running: the other district's")
                .get().extracting(Intakes.Intake::id).isEqualTo(c.id());
        assertThat(due(intakes)).as("both districts busy").isEmpty();
        intakes.finish(a, "synced", null, null);
        assertThat(due(intakes)).get().extracting(Intakes.Intake::id).isEqualTo(b.id());
        intakes.finish(b, "failed", null, "the database was down");
        assertThat(intakes.record(district, "sftp", List.of("b.zip"), 1, "b", dataDir).status())
                .as("a failed drop sent again as it was is synced, not skipped").isEqualTo("received");
        assertThat(intakes.record(district, "sftp", List.of("b.zip"), 1, "b", dataDir).status())
                .as("but not twice").isEqualTo("skipped");

    }
}
