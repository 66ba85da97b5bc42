package io.rostersync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync whose process is killed (SIGKILL: nothing of the JVM runs after it) inside its
 * transaction leaves the directory exactly as it was, down to the timestamps; its run stays
 * "running" until the next run of the district, which takes the district's lock (the server let go
 * of it with the dead connection), marks it failed and applies.
 *
 * <p>The child JVM syncs day 1 of a district over its day 0. Where the kill lands is made certain,
 * never left to timing: either the child sleeps in the open transaction right before its apply
 * (then a small district does), or it goes on into the apply of a 3,000-student district, whose
 * apply is large, while the test holds the run's row, which the run writes (its outcome) after the
 * apply and before it commits.
 */
@Tag("database")
class SyncCrashIT {

    private static final String DISTRICT = "crash-sync";

    @TempDir
    static Path packages;

    @Test
    void aSyncKilledInItsOpenTransactionRightBeforeItsApplyChangesNothing() throws Exception {
        killDuringTheSyncOfDay1(GeneratorOptions.of(600), false);
    }

    @Test
    void aSyncKilledWhileItAppliesChangesNothing() throws Exception {
        killDuringTheSyncOfDay1(GeneratorOptions.of(3_000), true);
    }

    /**
     * @param intoTheApply the child goes on into its apply when it has said so (the test holding the
     *                     run's row until the child is dead); otherwise it sleeps right before it
     */
    private static void killDuringTheSyncOfDay1(GeneratorOptions options, boolean intoTheApply) throws Exception {
        String name = "s" + options.students();
        Path day0 = RosterGenerator.generate(options, packages.resolve(name + "-day0.zip")).output();
        Path day1 = RosterGenerator.generate(options.withDay(1), packages.resolve(name + "-day1.zip")).output();
        try (Database database = TestDatabases.fresh("sync_crash")) {
            DataSource ds = database.dataSource();
            Syncs syncs = new Syncs(ds, io.rostersync.TestSecrets.BOX);
            RunReport first = syncs.sync(Syncs.Request.of(DISTRICT, day0));
            assertThat(first.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
            long district = new Districts(ds).find(DISTRICT).orElseThrow().id();
            String before = DirectoryDump.of(ds, DISTRICT);

            Connection heldRow = null;
            try (ChildJvm child = intoTheApply
                    ? ChildJvm.start(database, "sync", DISTRICT, day1.toString(), "continue", "schools")
                    : ChildJvm.start(database, "sync", DISTRICT, day1.toString(), "sleep")) {
                if (intoTheApply) {
                    // "schools" is the first stage inside the run: its row is written, its lock taken
                    child.await("REACHED schools");
                    RunReport running = syncs.runs(DISTRICT, 1).get(0);
                    assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
                    heldRow = ServerSide.holdRunRow(ds, district, running.run());
                    child.send("go on");
                }
                ServerSide.killAtApply(child, ds, district, intoTheApply, "SyncCrashIT");
            } finally {
                if (heldRow != null) {
                    heldRow.rollback();
                    heldRow.close();
                }
            }
            ServerSide.awaitLockReleased(ds, district);

            DirectoryDump.assertEqual(before, DirectoryDump.of(ds, DISTRICT),
                    "the directory after the kill must be the directory before it");
            List<RunReport> runs = syncs.runs(DISTRICT, 10);
            assertThat(runs).hasSize(2);
            RunReport killed = runs.get(0);
            assertThat(killed.run()).isGreaterThan(first.run());
            assertThat(killed.kind()).isEqualTo("sync");
            assertThat(killed.status()).as("the killed run, until the next run").isEqualTo(RunStatus.RUNNING);
            assertThat(killed.finishedAt()).isNull();
            assertThat(ServerSide.journalRows(ds, district, killed.run()))
                    .as("changes, skips and problems the killed run journaled").isZero();

            // the district's lock went with the dead connection: the next sync is not refused as busy
            RunReport next = syncs.sync(Syncs.Request.of(DISTRICT, day1));
            assertThat(next.run()).isGreaterThan(killed.run());
            assertThat(next.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
            assertThat(next.changes()).as("day 1 changes the directory").isPositive();
            assertThat(DirectoryDump.of(ds, DISTRICT).equals(before)).as("the directory after day 1").isFalse();

            RunReport failed = syncs.report(DISTRICT, killed.run());
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.error()).contains("the process stopped before the run finished");
            assertThat(failed.finishedAt()).isNotNull();
            assertThat(syncs.report(DISTRICT, first.run()).status()).as("day 0's run is left as it was")
                    .isEqualTo(first.status());
        }
    }
}
