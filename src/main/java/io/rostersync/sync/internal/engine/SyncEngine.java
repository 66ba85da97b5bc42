package io.rostersync.sync.internal.engine;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.ReadResult;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.settings.SyncSettings;
import io.rostersync.settings.ThresholdOverride;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import io.rostersync.sync.internal.guard.ArchiveGuard;
import io.rostersync.sync.internal.guard.HoldReason;
import io.rostersync.sync.internal.report.RunCounts;
import io.rostersync.sync.internal.run.Fingerprints;
import io.rostersync.sync.internal.run.Journal;
import io.rostersync.sync.internal.run.RunStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One sync run, inside the transaction that holds the district's lock: schools, people, classrooms,
 * enrollments and guardian links are planned in that order (each needs the ids of the one before),
 * their creates and updates staged as they are planned and their removals kept waiting in the
 * journal; then the guard decides whether the removals may go, and everything staged is applied at
 * once. A preview does all of it and rolls the directory back, keeping only the report.
 */
public final class SyncEngine {

    /**
     * What the run is asked to do.
     *
     * @param replan       plan the run in full even when its files are those the last applied run read
     * @param birthDateKey the district's key of a birth date: all that is kept of one
     */
    public record Request(ReadResult read, SyncSettings settings, boolean dryRun, Optional<ThresholdOverride> override,
            Consumer<String> stage, boolean replan, java.util.function.Function<java.time.LocalDate, String> birthDateKey) {
    }

    private static final List<RosterFile> GUARDED_FILES = List.of(RosterFile.USERS, RosterFile.CLASSES,
            RosterFile.ENROLLMENTS);

    /** How a held run that applied nothing says so. */
    public static final String NOTHING_APPLIED = "nothing was applied";

    private SyncEngine() {
    }

    /** Plans, guards and applies a run; the caller commits the transaction. */
    public static RunStore.Outcome run(DirectoryTransaction tx, long runId, Request request) throws SQLException {
        Connection c = tx.connection();
        long district = tx.districtId();
        ReadResult read = request.read();
        RunStore.problems(c, district, runId, read.report().problems());
        Map<String, Long> files = new LinkedHashMap<>();
        for (FileSummary f : read.report().files()) {
            files.put(f.file().fileName(), f.rows());
        }
        List<String> missing = new ArrayList<>();
        java.util.Set<String> deltaFiles = new java.util.HashSet<>();
        read.report().files().stream().filter(f -> f.mode() == FileMode.DELTA)
                .forEach(f -> deltaFiles.add(f.file().fileName()));
        // a package of changes speaks only for the files it sends: one it leaves out has no changes
        for (RosterFile required : GUARDED_FILES) {
            if (read.snapshot() == null || deltaFiles.isEmpty() && !read.snapshot().has(required)) {
                missing.add(required.fileName());
            }
        }
        if (!read.report().readable() || !missing.isEmpty()) {
            String why = !read.report().readable() ? "the files could not be read"
                    : "the package has no " + String.join(", ", missing) + ", which every sync needs";
            return new RunStore.Outcome(RunStatus.REJECTED, Map.of(), totals(tx), files, List.of(why), null, null);
        }
        byte[] packageKey = UnchangedPackage.key(read, request.settings());
        Optional<RunReport> sameFiles = request.replan() ? Optional.empty()
                : UnchangedPackage.appliedBefore(tx, packageKey).flatMap(run -> find(c, district, run));
        if (!request.dryRun()) {
            RunStore.supersedeHeld(c, district, runId);
        }
        if (sameFiles.isPresent()) {
            request.stage().accept("unchanged");
            long skips = UnchangedPackage.copySkips(c, district, sameFiles.get().run(), runId);
            RunStatus status = request.dryRun() ? RunStatus.PREVIEW
                    : read.report().errors() > 0 || read.report().warnings() > 0 || skips > 0
                            ? RunStatus.APPLIED_WITH_WARNINGS : RunStatus.APPLIED;
            return new RunStore.Outcome(status, UnchangedPackage.unchangedSince(sameFiles.get()), totals(tx), files,
                    List.of(), null, null);
        }
        Journal journal = new Journal(c, district, runId, request.dryRun());
        // a run that applies its creates whatever the guard decides writes them once, straight into their tables
        DirectoryTransaction.ChangeSink sink = !request.dryRun() && request.settings().applyWhenHeld()
                ? tx.changesCreatingDirectly(runId, RunContext.SOURCE) : tx.changes(runId, RunContext.SOURCE);
        RunContext run = new RunContext(tx, read.snapshot(), request.settings(), journal, sink, Instant.now(),
                request.birthDateKey());
        run.epoch = tx.epoch();
        run.decided = Decided.load(c, district);
        request.stage().accept("schools");
        SchoolStep.run(run);
        request.stage().accept("people");
        PeopleStep.run(run);
        request.stage().accept("classrooms");
        ClassroomStep.run(run);
        request.stage().accept("enrollments");
        MembershipStep.run(run);
        request.stage().accept("guardians");
        GuardianStep.run(run);
        journal.flush();

        request.stage().accept("guard");
        Map<EntityKind, ArchiveGuard.KindCounts> kindCounts = new EnumMap<>(EntityKind.class);
        run.managedAndLeaving.forEach((kind, ml) -> kindCounts.put(kind, new ArchiveGuard.KindCounts(ml[0], ml[1])));
        List<String> incomplete = read.report().files().stream().filter(f -> !f.complete())
                .map(f -> f.file().fileName()).toList();
        ArchiveGuard.Decision decision = ArchiveGuard.check(read.report().errors(), incomplete, kindCounts,
                request.settings(), request.override());
        List<HoldReason> reasons = new ArrayList<>(decision.reasons());
        if (run.waiting > 0 && request.override().isEmpty()) {
            reasons.addAll(shrunkFiles(c, district, files, deltaFiles));
            long schoolsLeaving = run.managedAndLeaving.get(EntityKind.SCHOOLS)[1];
            if (schoolsLeaving > 0) {
                reasons.add(new HoldReason.SchoolsLeaving(schoolsLeaving));
            }
        }
        boolean held = !reasons.isEmpty();
        // a preview's removals stay waiting, as a held run's do: neither applies them
        Optional<List<DirectoryChange>> removals = run.journalDeferred(held || request.dryRun());
        journal.flush();

        request.stage().accept("apply");
        Savepoint beforeApply = request.dryRun() ? c.setSavepoint() : null;
        if (!held) {
            if (removals.isPresent()) {
                removals.get().forEach(sink);
            } else {
                Journal.waiting(c, district, runId, (seq, change) -> sink.accept(change));
            }
        }
        if (!held || request.settings().applyWhenHeld() || request.dryRun()) {
            sink.finish();
        }
        if (!held && !request.dryRun() && removals.isEmpty()) {
            Journal.applied(c, district, runId);
        }
        if (!request.dryRun() && !held) {
            UnchangedPackage.remember(c, district, run.epoch, packageKey, runId);
        } else if (!request.dryRun() && request.settings().applyWhenHeld()) {
            UnchangedPackage.forget(c, district); // part of it applied: the directory is neither before nor after
        }
        if (!request.dryRun() && (!held || request.settings().applyWhenHeld())) {
            run.decided.forgetFollowed(c, district); // followed once: undoing this run asks the question again
            for (RunContext.Remembered r : run.remembered) {
                byte[] data = r.blob().data(!held);
                if (data == null) {
                    Fingerprints.forget(c, district, RunContext.SOURCE, r.kind());
                } else if (!java.util.Arrays.equals(data, run.loadedFingerprints.get(r.kind()))) {
                    Fingerprints.save(c, district, RunContext.SOURCE, r.kind(), run.epoch, data);
                }
            }
        }
        Map<EntityKind, RunReport.Totals> totals = totals(tx);
        if (beforeApply != null) {
            c.rollback(beforeApply);
        }
        boolean nothingApplied = held && !request.settings().applyWhenHeld() && !request.dryRun();
        if (nothingApplied) {
            Journal.markAllWaiting(c, district, runId);
        }
        RunCounts counts = nothingApplied ? new RunCounts() : run.counts;
        if (nothingApplied) {
            for (EntityKind kind : EntityKind.values()) {
                counts.unchanged(kind, run.counts.get(kind).unchanged());
            }
        }
        Map<EntityKind, RunReport.Counts> byKind = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            RunCounts.Counts a = counts.get(kind);
            RunCounts.Counts w = held ? new RunCounts.Counts(0, 0, 0, 0, 0) : run.waitingCounts.get(kind);
            byKind.put(kind, new RunReport.Counts(a.created() + w.created(), a.updated() + w.updated(),
                    a.archived() + w.archived(), a.restored() + w.restored(), a.unchanged()));
        }
        RunStatus status;
        if (request.dryRun()) {
            status = RunStatus.PREVIEW;
        } else if (held) {
            status = RunStatus.HELD;
        } else if (read.report().errors() > 0 || read.report().warnings() > 0 || journal.skips() > 0) {
            status = RunStatus.APPLIED_WITH_WARNINGS;
        } else {
            status = RunStatus.APPLIED;
        }
        List<String> holdReasons = reasons.stream().map(HoldReason::describe).toList();
        if (held && !request.settings().applyWhenHeld()) {
            List<String> more = new ArrayList<>(holdReasons);
            more.add(NOTHING_APPLIED + " (the district holds a whole run, not only its archives)");
            holdReasons = more;
        }
        String override = decision.overrideUsed() ? request.override().map(ThresholdOverride::reason).orElse(null) : null;
        return new RunStore.Outcome(status, byKind, totals, files, holdReasons, override, null);
    }

    private static Optional<RunReport> find(Connection c, long district, long runId) {
        try {
            return RunStore.find(c, district, runId);
        } catch (SQLException e) {
            throw new SyncFailure("could not read run " + runId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file much smaller than in the last applied run proves nothing about who left. A delta file is
     * not compared: it holds the changes, not the roster, and its leavers are named one by one.
     */
    private static List<HoldReason> shrunkFiles(Connection c, long district, Map<String, Long> files,
            java.util.Set<String> changesOnly) throws SQLException {
        Map<String, Long> last = RunStore.lastAppliedFiles(c, district);
        List<HoldReason> reasons = new ArrayList<>();
        for (RosterFile f : GUARDED_FILES) {
            if (changesOnly.contains(f.fileName())) {
                continue;
            }
            Long before = last.get(f.fileName());
            Long now = files.get(f.fileName());
            if (before != null && now != null && before >= 20 && now * 2 < before) {
                reasons.add(new HoldReason.FileShrank(f.fileName(), before, now));
            }
        }
        return reasons;
    }

    /** The directory's totals, as a report gives them. */
    public static Map<EntityKind, RunReport.Totals> totals(DirectoryTransaction tx) throws SQLException {
        Map<EntityKind, RunReport.Totals> totals = new EnumMap<>(EntityKind.class);
        tx.totals().forEach((k, t) -> totals.put(k, new RunReport.Totals(t.active(), t.archived())));
        return totals;
    }

    /**
     * Applies a held run's waiting removals that still hold against the directory as it is now (a
     * record restored or archived since is left as it is, and its change dropped from the run).
     *
     * @return the counts of what was applied
     */
    public static RunCounts approve(DirectoryTransaction tx, long runId) throws SQLException {
        Connection c = tx.connection();
        long district = tx.districtId();
        DirectoryTransaction.ChangeSink sink = tx.changes(runId, RunContext.SOURCE);
        List<long[]> batch = new ArrayList<>();
        List<DirectoryChange> changes = new ArrayList<>();
        List<Long> stale = new ArrayList<>();
        RunCounts applied = new RunCounts();
        Consumer<Void> flush = v -> {
            try {
                recheck(tx, batch, changes, stale, sink, applied);
            } catch (SQLException e) {
                throw new SyncFailure("could not re-check the waiting changes: " + e.getMessage(), e);
            }
        };
        Journal.waiting(c, district, runId, (seq, change) -> {
            batch.add(new long[] {seq});
            changes.add(change);
            if (changes.size() >= 2_000) {
                flush.accept(null);
            }
        });
        flush.accept(null);
        sink.finish();
        tx.touch(); // the archives change the directory behind what the last sync remembered
        Journal.dropWaiting(c, district, runId, stale);
        Journal.applied(c, district, runId);
        return applied;
    }

    private static void recheck(DirectoryTransaction tx, List<long[]> seqs, List<DirectoryChange> changes,
            List<Long> stale, DirectoryTransaction.ChangeSink sink, RunCounts applied) throws SQLException {
        Map<EntityKind, List<Long>> ids = new EnumMap<>(EntityKind.class);
        for (DirectoryChange change : changes) {
            if (change instanceof DirectoryChange.Archive a) {
                ids.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(a.localId());
            } else if (change instanceof DirectoryChange.MarkPendingRemoval p) {
                ids.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p.localId());
            }
        }
        Map<EntityKind, Map<Long, RecordState>> states = new EnumMap<>(EntityKind.class);
        for (var e : ids.entrySet()) {
            states.put(e.getKey(), tx.states(e.getKey(), e.getValue().stream().mapToLong(Long::longValue).toArray()));
        }
        for (int i = 0; i < changes.size(); i++) {
            DirectoryChange change = changes.get(i);
            RecordState expected = null;
            long id = -1;
            if (change instanceof DirectoryChange.Archive a) {
                expected = a.before();
                id = a.localId();
            } else if (change instanceof DirectoryChange.MarkPendingRemoval p) {
                expected = RecordState.ACTIVE;
                id = p.localId();
            }
            if (expected != null && states.get(change.kind()).get(id) != expected) {
                stale.add(seqs.get(i)[0]);
                continue;
            }
            sink.accept(change);
            applied.add(change);
        }
        seqs.clear();
        changes.clear();
    }
}
