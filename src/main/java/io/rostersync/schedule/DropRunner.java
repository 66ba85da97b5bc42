package io.rostersync.schedule;

import io.rostersync.cleanup.Duplicates;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.intake.Intakes;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import io.rostersync.sync.Syncs;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import io.rostersync.storage.SecretBox;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs the drops that wait, oldest first, one at a time per district, each once its time has come
 * ({@link Scheduling}): applied when the district's sync is enabled, previewed (validated and
 * planned, nothing changed) when it is not.
 */
public final class DropRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DropRunner.class);

    private final Intakes intakes;
    private final Syncs syncs;
    private final Districts districts;
    private final SyncSchedule schedule;
    private final Scheduling scheduling;
    private final Clock clock;
    private final Duplicates duplicates;
    private final SecretBox secrets;
    private final io.rostersync.intake.RosterApis apis;

    public DropRunner(DataSource dataSource, SecretBox secrets) {
        this(dataSource, secrets, Clock.systemUTC());
    }

    public DropRunner(DataSource dataSource, SecretBox secrets, Clock clock) {
        this.secrets = secrets;
        this.apis = new io.rostersync.intake.RosterApis(dataSource, secrets);
        this.intakes = new Intakes(dataSource);
        this.syncs = new Syncs(dataSource, secrets);
        this.districts = new Districts(dataSource);
        this.schedule = new SyncSchedule(dataSource);
        this.scheduling = new Scheduling(dataSource, clock);
        this.clock = clock;
        this.duplicates = new Duplicates(dataSource);
    }

    /** The students the sync just added or changed may be duplicates of others: the candidates are found again. */
    private void findDuplicatesAgain(long districtId, String slug) {
        try {
            Duplicates.Scan scan = duplicates.refresh(districtId);
            LOG.info("district {}: {} duplicate candidates among {} students ({} ms)", slug, scan.pairs(),
                    scan.students(), scan.millis());
        } catch (SQLException | RuntimeException e) {
            // the run stands; the cleanup page shows when candidates were last found, and can find them again
            LOG.warn("district {}: duplicate candidates could not be found again: {}", slug, e.getMessage());
        }
    }

    /**
     * Gives new drops their time, then syncs the drops that are due until none is left that this node
     * may take; returns how many it synced.
     */
    public int runWaiting() throws SQLException {
        intakes.requeueAbandoned(ABANDONED_AFTER);
        scheduling.assign();
        int ran = 0;
        for (Optional<Intakes.Intake> next = intakes.claim(clock.instant()); next.isPresent();
                next = intakes.claim(clock.instant())) {
            if (!run(next.get())) {
                break; // put back to wait for the district: the next pass takes it
            }
            ran++;
        }
        return ran;
    }

    /**
     * At most once an hour (per node), deletes the kept files of the drops past their district's
     * retention (under {@code dataDir}); returns how many.
     */
    public int purgeExpiredDrops(java.nio.file.Path dataDir) throws SQLException {
        java.time.Instant now = clock.instant();
        if (lastPurge != null && lastPurge.plus(java.time.Duration.ofHours(1)).isAfter(now)) {
            return 0;
        }
        lastPurge = now;
        try {
            int purged = intakes.purgeExpired(dataDir, now, 1000);
            if (purged > 0) {
                LOG.info("deleted the kept files of {} drop(s) past their district's retention", purged);
            }
            return purged;
        } catch (java.io.IOException e) {
            LOG.warn("kept drops past their retention could not all be deleted: {}", e.getMessage());
            return 0;
        }
    }

    private java.time.Instant lastPurge;

    /**
     * The directory's latest run of a district, when the directory holds it whole: where a roster API's
     * pull of changes starts ({@link Syncs#runInForce}). After a held, failed or previewed run, an undo,
     * an approval, a row the run could not use, or a setting, answer or hand in the directory since, the
     * next pull reads everything; and a drop of changes read on top of a run that is no longer so is set
     * aside when its turn comes.
     */
    public io.rostersync.intake.AppliedRuns appliedRuns() {
        return syncs::runInForce;
    }

    /** A drop running this long was taken by a node that died: the run itself is marked failed by the next. */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofHours(1);

    /** @return false when the drop was put back to wait */
    private boolean run(Intakes.Intake drop) throws SQLException {
        Optional<District> district = districts.find(drop.districtId());
        if (district.isEmpty()) {
            intakes.finish(drop, "failed", null, "the district no longer exists");
            return true;
        }
        java.util.OptionalLong base = apis.changesReadOnTopOf(drop.districtId(), drop.id());
        if (base.isPresent() && !base.equals(syncs.runInForce(drop.districtId()))) {
            // read as the changes since run N: on anything else (an undo, a setting, an answer since) they would
            // leave the directory neither as it was nor as the provider has it
            intakes.finish(drop, "skipped", null, "changes read on top of run " + base.getAsLong() + ", which is no"
                    + " longer what the directory holds: set aside; the next pull reads the whole roster");
            apis.pullNow(drop.districtId());
            LOG.info("drop {} of district {}: changes on top of run {} set aside", drop.id(), district.get().slug(),
                    base.getAsLong());
            return true;
        }
        boolean apply = schedule.syncEnabled(drop.districtId());
        long started = System.nanoTime();
        try {
            RunReport run = syncs.sync(Syncs.Request.of(district.get().slug(), drop.source()).withDryRun(!apply));
            String status = run.status() == RunStatus.PREVIEW ? "previewed"
                    : run.status() == RunStatus.FAILED || run.status() == RunStatus.REJECTED ? "failed" : "synced";
            intakes.finish(drop, status, run.run(), "run " + run.run() + ": " + run.status().label());
            DropResult result = DropResult.of(drop, run);
            intakes.noteResult(drop, result.name(), result.body());
            RunMetrics.record(run, System.nanoTime() - started);
            if (run.status() == RunStatus.APPLIED || run.status() == RunStatus.APPLIED_WITH_WARNINGS) {
                findDuplicatesAgain(drop.districtId(), district.get().slug());
            }
            LOG.info("drop {} of district {} {} as run {} ({})", drop.id(), district.get().slug(), status, run.run(),
                    run.status().label());
        } catch (DirectoryStore.DistrictBusyException e) {
            intakes.finish(drop, "received", null, "waited: another sync of the district was running");
            return false;
        } catch (RuntimeException e) {
            LOG.warn("drop {} of district {} could not be synced", drop.id(), district.get().slug(), e);
            intakes.finish(drop, "failed", null, "could not be synced: " + e.getMessage());
            // the district's server gets no internals (paths, SQL): the operator's log has them
            DropResult result = DropResult.failed(drop, "the service could not sync it; it is tried again when"
                    + " the files are sent again, and the operator's log says why");
            intakes.noteResult(drop, result.name(), result.body());
            RunMetrics.failed(System.nanoTime() - started);
        }
        try {
            intakes.keepOnlyWhatIsNeeded(drop, secrets.birthDateKey(district.get().id()));
        } catch (java.io.IOException | RuntimeException e) {
            // the files stay as they came, and the log says so: better than losing the drop
            LOG.warn("drop {} of district {}: what is not needed could not be removed: {}", drop.id(),
                    district.get().slug(), e.getMessage());
        }
        return true;
    }
}
