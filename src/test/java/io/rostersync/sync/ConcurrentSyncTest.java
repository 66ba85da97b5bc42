package io.rostersync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs that run at the same time, each with its own {@link Syncs} (as two nodes of the service
 * would): one district never runs two at once, the second is refused, not queued; two districts
 * run side by side. Who holds the district is made certain by a stage callback that keeps its run's
 * transaction open until the other side has finished; nothing depends on timing.
 */
@Tag("database")
class ConcurrentSyncTest {

    /** How long the test waits for anything before it gives up: generous, never a measurement. */
    private static final long PATIENCE_SECONDS = 300;

    @TempDir
    static Path packages;

    private static Path day0;
    private static Path day1;
    private static Database database;

    private ExecutorService threads;

    @BeforeAll
    static void setUp() throws Exception {
        GeneratorOptions district = GeneratorOptions.of(300);
        day0 = RosterGenerator.generate(district, packages.resolve("day0.zip")).output();
        day1 = RosterGenerator.generate(district.withDay(1), packages.resolve("day1.zip")).output();
        database = TestDatabases.fresh("concurrent_sync");
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @BeforeEach
    void startThreads() {
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void ofTwoSyncsOfOneDistrictStartedTogetherOneAppliesAndTheOtherIsRefusedAsBusy() throws Exception {
        String district = "same-district";
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch oneFinished = new CountDownLatch(1);
        // "schools" is the first stage inside a run: the run holds the district's lock in its open
        // transaction; the one that gets there keeps it until the other sync has finished
        Consumer<String> holdUntilTheOtherHasFinished = stage -> {
            if (stage.equals("schools")) {
                await(oneFinished, "the other sync to finish (did both get into the district at once?)");
            }
        };
        Callable<RunReport> sync = () -> {
            Syncs syncs = new Syncs(database.dataSource(), io.rostersync.TestSecrets.BOX);
            await(go, "the start");
            try {
                return syncs.sync(Syncs.Request.of(district, day0).withStage(holdUntilTheOtherHasFinished));
            } finally {
                oneFinished.countDown();
            }
        };
        List<Future<RunReport>> both = List.of(threads.submit(sync), threads.submit(sync));
        go.countDown();

        List<RunReport> applied = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        for (Future<RunReport> f : both) {
            try {
                applied.add(f.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                refused.add(e.getCause());
            }
        }
        assertThat(applied).as("the sync that got the district").hasSize(1);
        assertThat(applied.get(0).status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(refused).as("the sync that found it busy").hasSize(1);
        assertThat(refused.get(0)).isInstanceOf(Syncs.SyncException.class)
                .hasMessageContaining("another sync of this district is running");
        List<RunReport> runs = new Syncs(database.dataSource(), io.rostersync.TestSecrets.BOX).runs(district, 10);
        assertThat(runs).as("the refused sync started no run").extracting(RunReport::run)
                .containsExactly(applied.get(0).run());
    }

    @Test
    void syncsOfTwoDistrictsRunAtTheSameTime() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        // each keeps its district's lock until the other is inside its own run too
        Consumer<String> waitForTheOther = stage -> {
            if (stage.equals("schools")) {
                bothInside.countDown();
                await(bothInside, "the other district's sync to get into its run");
            }
        };
        List<Future<RunReport>> both = new ArrayList<>();
        for (String district : List.of("district-a", "district-b")) {
            both.add(threads.submit(() -> new Syncs(database.dataSource(), io.rostersync.TestSecrets.BOX)
                    .sync(Syncs.Request.of(district, day0).withStage(waitForTheOther))));
        }
        RunReport a = both.get(0).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        RunReport b = both.get(1).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(a.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.counts()).as("the same package, each district its own directory").isEqualTo(a.counts());
        assertThat(b.directory()).isEqualTo(a.directory());
    }

    @Test
    void anUndoWhileASyncOfTheDistrictRunsIsRefusedAsBusy() throws Exception {
        String district = "undo-while-syncing";
        Syncs syncs = new Syncs(database.dataSource(), io.rostersync.TestSecrets.BOX);
        RunReport first = syncs.sync(Syncs.Request.of(district, day0));
        assertThat(first.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch refused = new CountDownLatch(1);
        Future<RunReport> second = threads.submit(() -> new Syncs(database.dataSource(), io.rostersync.TestSecrets.BOX)
                .sync(Syncs.Request.of(district, day1).withStage(stage -> {
                    if (stage.equals("schools")) {
                        inside.countDown();
                        await(refused, "the undo to be refused");
                    }
                })));
        await(inside, "the sync of day 1 to get into its run");
        try {
            assertThatThrownBy(() -> syncs.undo(district, first.run())).isInstanceOf(Syncs.SyncException.class)
                    .hasMessageContaining("another sync of this district is running");
        } finally {
            refused.countDown();
        }
        RunReport applied = second.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(applied.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(syncs.runs(district, 10)).as("the refused undo started no run").extracting(RunReport::run)
                .containsExactly(applied.run(), first.run());
        assertThat(syncs.report(district, first.run()).revertedBy()).isNull();
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited " + PATIENCE_SECONDS + " s for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }
}
