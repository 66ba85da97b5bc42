package io.rostersync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An undo whose process is killed (SIGKILL) inside its transaction leaves the directory exactly as
 * it was and the run it meant to revert untouched; the next operation on the district marks the
 * killed undo failed, and an undo run to the end then gives back the directory of the run before.
 *
 * <p>Day 0 and day 1 of a 3,000-student district are synced here; a child JVM undoes day 1 and is
 * killed twice: first asleep in its open transaction right before its apply, then while it goes on
 * into the apply, with the test holding day 1's run row, which the undo marks (reverted by) after
 * its apply and before it commits, so that it cannot commit before it is killed.
 */
@Tag("database")
class UndoCrashIT {

    private static final String DISTRICT = "crash-undo";

    @TempDir
    static Path packages;

    private static Path day0;
    private static Path day1;

    @BeforeAll
    static void generate() throws Exception {
        GeneratorOptions district = GeneratorOptions.of(3_000);
        day0 = RosterGenerator.generate(district, packages.resolve("day0.zip")).output();
        day1 = RosterGenerator.generate(district.withDay(1), packages.resolve("day1.zip")).output();
    }

    @Test
    void anUndoKilledInItsTransactionChangesNothingAndTheNextUndoRevertsTheRun() throws Exception {
        try (Database database = TestDatabases.fresh("undo_crash")) {
            DataSource ds = database.dataSource();
            Syncs syncs = new Syncs(ds, io.rostersync.TestSecrets.BOX);
            RunReport first = syncs.sync(Syncs.Request.of(DISTRICT, day0));
            assertThat(first.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
            String afterDay0 = DirectoryDump.of(ds, DISTRICT, DirectoryDump.WRITE_BOOKKEEPING);
            RunReport second = syncs.sync(Syncs.Request.of(DISTRICT, day1));
            assertThat(second.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
            assertThat(second.changes()).as("day 1 changes the directory").isPositive();
            long district = new Districts(ds).find(DISTRICT).orElseThrow().id();
            String before = DirectoryDump.of(ds, DISTRICT);

            RunReport asleep = killTheUndo(database, district, second, before, false);
            RunReport applying = killTheUndo(database, district, second, before, true);
            assertThat(applying.run()).isGreaterThan(asleep.run());
            RunReport marked = syncs.report(DISTRICT, asleep.run());
            assertThat(marked.status()).as("the first killed undo, once the second had started")
                    .isEqualTo(RunStatus.FAILED);
            assertThat(marked.error()).contains("the process stopped before the run finished");

            // the lock went with the dead connections: the next undo is not refused as busy, and reverts day 1
            RunReport undo = syncs.undo(DISTRICT, second.run());
            assertThat(undo.run()).isGreaterThan(applying.run());
            assertThat(undo.kind()).isEqualTo("undo");
            assertThat(undo.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(undo.reverts()).isEqualTo(second.run());
            assertThat(syncs.report(DISTRICT, second.run()).revertedBy()).isEqualTo(undo.run());
            RunReport failed = syncs.report(DISTRICT, applying.run());
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.error()).contains("the process stopped before the run finished");
            assertThat(failed.finishedAt()).isNotNull();
            assertThat(failed.reverts()).isNull();

            DirectoryDump.assertEqual(afterDay0, DirectoryDump.of(ds, DISTRICT, DirectoryDump.WRITE_BOOKKEEPING),
                    "the directory after the undo must be the directory after day 0 (but for when and by which run"
                            + " rows were written)");
        }
    }

    /**
     * Runs an undo of {@code target} in a child JVM and kills it on its apply.
     *
     * @param intoTheApply the child goes on into its apply while the test holds the target's run row;
     *                     otherwise it sleeps right before its apply
     * @return the killed undo run, as the district's runs show it after the kill
     */
    private static RunReport killTheUndo(Database database, long district, RunReport target, String before,
            boolean intoTheApply) throws Exception {
        DataSource ds = database.dataSource();
        Syncs syncs = new Syncs(ds, io.rostersync.TestSecrets.BOX);
        Connection heldRow = intoTheApply ? ServerSide.holdRunRow(ds, district, target.run()) : null;
        try (ChildJvm child = ChildJvm.start(database, "undo", DISTRICT, Long.toString(target.run()),
                intoTheApply ? "continue" : "sleep")) {
            ServerSide.killAtApply(child, ds, district, intoTheApply, "UndoCrashIT");
        } finally {
            if (heldRow != null) {
                heldRow.rollback();
                heldRow.close();
            }
        }
        ServerSide.awaitLockReleased(ds, district);

        DirectoryDump.assertEqual(before, DirectoryDump.of(ds, DISTRICT),
                "the directory after the kill must be the directory before it");
        RunReport killed = syncs.runs(DISTRICT, 1).get(0);
        assertThat(killed.kind()).isEqualTo("undo");
        assertThat(killed.status()).as("the killed undo, until the next run").isEqualTo(RunStatus.RUNNING);
        assertThat(killed.finishedAt()).isNull();
        assertThat(killed.reverts()).isNull();
        RunReport untouched = syncs.report(DISTRICT, target.run());
        assertThat(untouched.status()).isEqualTo(target.status());
        assertThat(untouched.revertedBy()).as("the run the killed undo meant to revert").isNull();
        return killed;
    }
}
