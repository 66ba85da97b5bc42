package io.rostersync.sync;

import io.rostersync.directory.District;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.Districts;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.ReadOptions;
import io.rostersync.oneroster.ReadResult;
import io.rostersync.settings.SettingsStore;
import io.rostersync.settings.SyncSettings;
import io.rostersync.settings.ThresholdOverride;
import io.rostersync.sync.internal.engine.SyncEngine;
import io.rostersync.sync.internal.engine.SyncFailure;
import io.rostersync.sync.internal.engine.Undo;
import io.rostersync.sync.internal.report.RunCsv;
import io.rostersync.sync.internal.run.RunStore;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import io.rostersync.storage.InstallationKey;
import io.rostersync.storage.SecretBox;
import javax.sql.DataSource;

/**
 * The sync engine's entry points: sync a package into a district's directory (or preview it),
 * approve a held run, undo a run, and read runs and their reports. Each run is one transaction that
 * holds the district's lock; its row is written first, on its own, so that a run whose process dies
 * is reported as failed by the next one.
 */
public final class Syncs {

    private final DataSource dataSource;
    private final Districts districts;
    private final SettingsStore settings;
    private final DirectoryStore directory;
    private final RunStore runs;
    /** The installation's keys: what turns a birth date into all that is kept of it. Null for reading runs only. */
    private final SecretBox secrets;
    private volatile boolean keyVerified;

    /** Runs to read, approve and undo; {@link #sync} needs the installation's keys ({@link #Syncs(DataSource, SecretBox)}). */
    public Syncs(DataSource dataSource) {
        this(dataSource, null);
    }

    public Syncs(DataSource dataSource, SecretBox secrets) {
        this.secrets = secrets;
        this.dataSource = dataSource;
        this.districts = new Districts(dataSource);
        this.settings = new SettingsStore(dataSource);
        this.directory = new DirectoryStore(dataSource);
        this.runs = new RunStore(dataSource);
    }

    /**
     * What to sync.
     *
     * @param overrideReason lets this one run cross the deletion thresholds (never a broken package); null for none
     * @param admin          who asks (recorded with an override)
     * @param stage          told the name of each stage as the run reaches it (for a progress display)
     * @param replan         plan in full even when the files are, byte for byte, those of the last applied run
     *                       (which otherwise change nothing and are not planned again)
     */
    public record Request(String district, Path source, boolean dryRun, String overrideReason, String admin,
            Consumer<String> stage, boolean replan) {

        public static Request of(String district, Path source) {
            return new Request(district, source, false, null, "cli", s -> { }, false);
        }

        public Request withDryRun(boolean value) {
            return new Request(district, source, value, overrideReason, admin, stage, replan);
        }

        public Request withOverride(String reason) {
            return new Request(district, source, dryRun, reason, admin, stage, replan);
        }

        public Request withStage(Consumer<String> value) {
            return new Request(district, source, dryRun, overrideReason, admin, value, replan);
        }

        public Request withReplan(boolean value) {
            return new Request(district, source, dryRun, overrideReason, admin, stage, value);
        }
    }

    /** A run that could not be started or finished, in words for an admin. */
    public static final class SyncException extends RuntimeException {

        public SyncException(String message, Throwable cause) {
            super(message, cause);
        }

        /** Whether the request was refused (its message says why: the run's state, say), rather than failed. */
        public boolean refused() {
            return getCause() == null;
        }
    }

    /** Syncs a package; the district is created, with default settings, on first use. */
    public RunReport sync(Request request) {
        if (secrets == null) {
            // without the key a run would forget every student's birth date: never sync without it
            throw new IllegalStateException("a sync needs the installation's keys: make Syncs with its SecretBox");
        }
        if (!keyVerified) {
            try {
                InstallationKey.verify(dataSource, secrets); // another key would key every birth date apart
            } catch (java.sql.SQLException e) {
                throw new SyncException("could not check the installation's key: " + e.getMessage(), e);
            }
            keyVerified = true;
        }
        request.stage().accept("reading");
        ReadResult read = OneRosterReader.read(request.source(), ReadOptions.defaults());
        District district = districts.findOrCreate(request.district());
        Optional<ThresholdOverride> override = Optional.ofNullable(request.overrideReason())
                .map(reason -> new ThresholdOverride(reason, request.admin(), Instant.now()));
        return inRun(district, "sync", request.source().toString(), (tx, runId) -> {
            // read once the run has begun: a setting saved after its start is one the run may not have seen
            SyncSettings districtSettings = settings.load(district.id());
            RunStore.Outcome outcome = SyncEngine.run(tx, runId, new SyncEngine.Request(read, districtSettings,
                    request.dryRun(), override, request.stage(), request.replan(), secrets.birthDateKey(district.id())));
            RunStore.finish(tx.connection(), district.id(), runId, outcome);
        });
    }

    /** Applies a held run's waiting archives, those that still hold against the directory. */
    public RunReport approve(String districtSlug, long runId, String admin) {
        District district = district(districtSlug);
        try (DirectoryTransaction tx = directory.begin(district.id())) {
            Connection c = tx.connection();
            RunReport held = RunStore.find(c, district.id(), runId)
                    .orElseThrow(() -> new SyncException("district " + districtSlug + " has no run " + runId, null));
            if (held.status() != RunStatus.HELD) {
                throw new SyncException("run " + runId + " is " + held.status().label()
                        + "; only a held run can be approved", null);
            }
            if (held.holdReasons().stream().anyMatch(r -> r.startsWith(SyncEngine.NOTHING_APPLIED))) {
                throw new SyncException("run " + runId + " applied nothing (the district holds whole runs), so it"
                        + " cannot be approved in part; fix the files, or sync them again with --override-threshold", null);
            }
            var applied = SyncEngine.approve(tx, runId);
            java.util.Map<io.rostersync.directory.EntityKind, RunReport.Counts> counts = new java.util.EnumMap<>(
                    io.rostersync.directory.EntityKind.class);
            for (var kind : io.rostersync.directory.EntityKind.values()) {
                RunReport.Counts k = held.counts(kind);
                var a = applied.get(kind);
                counts.put(kind, new RunReport.Counts(k.created(), k.updated(), k.archived() + a.archived(),
                        k.restored(), k.unchanged()));
            }
            RunStore.finish(c, district.id(), runId, new RunStore.Outcome(RunStatus.APPLIED_WITH_WARNINGS, counts,
                    SyncEngine.totals(tx), null, held.holdReasons(), "approved by " + admin, null));
            tx.commit();
        } catch (SQLException e) {
            throw new SyncException("the approval failed: " + e.getMessage(), e);
        }
        return report(districtSlug, runId);
    }

    /**
     * Syncs the files of a run held whole again, letting this one run cross the deletion thresholds
     * (never a broken package), with the admin's reason kept on the new run. Only the district's
     * latest sync may be overridden: a newer one has superseded it.
     */
    public RunReport override(String districtSlug, long runId, String reason, String admin) {
        if (reason == null || reason.isBlank()) {
            throw new SyncException("an override needs a reason", null);
        }
        RunReport held = report(districtSlug, runId);
        if (!held.heldWhole()) {
            throw new SyncException("run " + runId + " is " + held.status().label() + (held.status() == RunStatus.HELD
                    ? " with its archives waiting: approve it instead" : "; only a run held whole can be overridden"),
                    null);
        }
        boolean latest = runs(districtSlug, 20).stream().filter(r -> r.kind().equals("sync")
                && r.status() != RunStatus.PREVIEW).findFirst().map(r -> r.run() == runId).orElse(false);
        if (!latest) {
            throw new SyncException("a later sync has run since run " + runId + "; override that one if it is held",
                    null);
        }
        Path source = Path.of(held.source());
        if (!java.nio.file.Files.exists(source)) {
            throw new SyncException("the files of run " + runId + " are no longer kept; send them again", null);
        }
        return sync(new Request(districtSlug, source, false, reason.trim(), admin, s -> { }, true));
    }

    /** Reverts a run, when no later run touched the same records. */
    public RunReport undo(String districtSlug, long runId) {
        return undo(districtSlug, runId, stage -> { });
    }

    /** Reverts a run, telling {@code stage} when it has planned the reversal and is about to apply it. */
    public RunReport undo(String districtSlug, long runId, Consumer<String> stage) {
        District district = district(districtSlug);
        RunReport target = report(districtSlug, runId);
        if (!target.kind().equals("sync")) {
            throw new SyncException("run " + runId + " is an " + target.kind() + "; only syncs can be undone", null);
        }
        if (target.revertedBy() != null) {
            throw new SyncException("run " + runId + " was already undone by run " + target.revertedBy(), null);
        }
        if (!List.of(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS, RunStatus.HELD, RunStatus.SUPERSEDED)
                .contains(target.status())) {
            throw new SyncException("run " + runId + " is " + target.status().label() + " and changed nothing", null);
        }
        return inRun(district, "undo", "undo of run " + runId, (tx, undoRun) -> {
            var counts = Undo.revert(tx, runId, undoRun, stage);
            RunStore.revert(tx.connection(), district.id(), runId, undoRun);
            RunStore.finish(tx.connection(), district.id(), undoRun, new RunStore.Outcome(RunStatus.APPLIED, counts,
                    SyncEngine.totals(tx), null, List.of(), null, null));
        });
    }

    public List<RunReport> runs(String districtSlug, int limit) {
        District district = district(districtSlug);
        try {
            return runs.list(district.id(), limit);
        } catch (SQLException e) {
            throw new SyncException("could not read the runs: " + e.getMessage(), e);
        }
    }

    /**
     * The district's latest run, if the directory still holds it whole (see {@code RunStore.inForce}):
     * where a roster API's pull of changes only may start.
     */
    public java.util.OptionalLong runInForce(long districtId) {
        try {
            return runs.inForce(districtId);
        } catch (SQLException e) {
            throw new SyncException("could not read the runs: " + e.getMessage(), e);
        }
    }

    /** The district's run of this id, if it has one. */
    public Optional<RunReport> find(long districtId, long runId) {
        try {
            return runs.find(districtId, runId);
        } catch (SQLException e) {
            throw new SyncException("could not read run " + runId + ": " + e.getMessage(), e);
        }
    }

    public RunReport report(String districtSlug, long runId) {
        District district = district(districtSlug);
        try {
            return runs.find(district.id(), runId)
                    .orElseThrow(() -> new SyncException("district " + districtSlug + " has no run " + runId, null));
        } catch (SQLException e) {
            throw new SyncException("could not read run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Every change, skip and problem of a run as CSV, one row each, with the source row and the setting behind it. */
    public void exportCsv(String districtSlug, long runId, Writer out) {
        District district = district(districtSlug);
        report(districtSlug, runId);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // so that the rows stream with a cursor rather than arrive all at once
            RunCsv.write(c, district.id(), runId, out);
            c.rollback();
        } catch (SQLException | java.io.IOException e) {
            throw new SyncException("could not export run " + runId + ": " + e.getMessage(), e);
        }
    }

    private District district(String slug) {
        return districts.find(slug).orElseThrow(() -> new SyncException("there is no district " + slug, null));
    }

    @FunctionalInterface
    private interface RunBody {
        void run(DirectoryTransaction tx, long runId) throws SQLException;
    }

    private RunReport inRun(District district, String kind, String source, RunBody body) {
        long runId;
        try (DirectoryTransaction tx = directory.begin(district.id())) {
            runId = runs.start(district.id(), kind, source);
            try {
                body.run(tx, runId);
                tx.commit();
            } catch (Undo.Refused e) {
                tx.close();
                runs.fail(district.id(), runId, e.getMessage());
                throw new SyncException(e.getMessage(), e);
            } catch (SQLException | RuntimeException e) {
                tx.close();
                runs.fail(district.id(), runId, describe(e));
                return report(district.slug(), runId);
            }
        } catch (DirectoryStore.DistrictBusyException e) {
            throw new SyncException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new SyncException("the database refused the run: " + e.getMessage(), e);
        }
        RunReport report = report(district.slug(), runId);
        long seen = report.counts().values().stream()
                .mapToLong(c -> c.created() + c.updated() + c.archived() + c.restored() + c.unchanged()).sum();
        if (report.changes() > 10_000 && report.changes() * 10 > seen) {
            analyze();
        }
        return report;
    }

    /**
     * After a run that changed a tenth of what it synced (a first load, a new school year), fresh
     * statistics, so that the next run's queries are planned for the tables as they are now rather
     * than as they were (empty): autovacuum gets there on the same rule (a tenth of a table
     * changed), but only later, and the embedded server may not be running then. A nightly churn of
     * a few percent does not pay the several seconds this takes for a large district.
     */
    private void analyze() {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("ANALYZE school, school_source_id, person, person_role, source_link, classroom,"
                    + " classroom_member, guardian_link");
        } catch (SQLException e) {
            // only statistics: the run is done and committed
        }
    }

    private static String describe(Exception e) {
        if (e instanceof SyncFailure) {
            return e.getMessage();
        }
        return "the run failed and changed nothing: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
