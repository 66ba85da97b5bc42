package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.EntityKind;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.settings.SyncSettings;
import io.rostersync.sync.internal.plan.GuardianLinks;
import io.rostersync.sync.internal.plan.Skip;
import io.rostersync.sync.internal.report.RunCounts;
import io.rostersync.sync.internal.run.Journal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the steps of one run share: the transaction, the files, the settings, where changes go, and
 * the ids the steps hand on (the directory school of each School ID, the person of each user id,
 * the classroom of each class id), each kept as a compact hash table.
 */
final class RunContext {

    static final String SOURCE = "oneroster";

    final DirectoryTransaction tx;
    final RosterSnapshot snapshot;
    final SyncSettings settings;
    /** The district's key of a birth date (see {@link io.rostersync.oneroster.BirthDates}). */
    final java.util.function.Function<java.time.LocalDate, String> birthDateKey;
    final Journal journal;
    final DirectoryTransaction.ChangeSink sink;
    final Instant now;
    final RunCounts counts = new RunCounts();
    final RunCounts waitingCounts = new RunCounts();
    final IdPool personIds;
    final IdPool classroomIds;
    final IdPool schoolIds;

    /** Per kind: the sync-managed records the directory has, and how many of them the run would archive. */
    final Map<EntityKind, long[]> managedAndLeaving = new EnumMap<>(EntityKind.class);

    /** The directory school of each School ID of a school that syncs. */
    Map<String, Long> syncingSchools = Map.of();
    /** The people this run moved to a new record (a switch of source), by local id. */
    final com.carrotsearch.hppc.LongHashSet movedPeople = new com.carrotsearch.hppc.LongHashSet();
    /** Org ids that are the district (or another level above schools): roles there are district-wide. */
    java.util.Set<String> districtOrgs = java.util.Set.of();
    /** Id hash of each user in the run (every row of a person who is several) → the person. */
    final LongLongHashMap people;
    /** Id hash of each user in the run → whether a student, and their guardian relationship. */
    final LongObjectHashMap<GuardianLinks.Synced> synced;
    /** The users.csv rows of the run: what the per-user tables are sized for (growing them rehashes millions). */
    final int users;
    /** Id hash of each class whose classroom takes its members from this run → the classroom. */
    final LongLongHashMap classrooms = new LongLongHashMap();
    long waiting;
    /** The agents of users.csv, gathered by the people step's pass over it for the guardian step. */
    final GuardianLinks.Agents agents = new GuardianLinks.Agents();
    /** What admins answered to earlier runs' questions. */
    Decided decided = new Decided();
    /** The district's directory epoch when the run began (what the fingerprints are valid at). */
    long epoch;
    /** The fingerprints the run found valid, by kind: an unchanged one is not written again. */
    final Map<String, byte[]> loadedFingerprints = new java.util.HashMap<>();
    /** What each step remembers for the next run, written if the run applies. */
    final List<Remembered> remembered = new java.util.ArrayList<>();

    /** A step's fingerprint for the next run. */
    record Remembered(String kind, Blob blob) {
    }

    /** What a step leaves for the next run, once it is known whether the run's removals were applied. */
    @FunctionalInterface
    interface Blob {
        /**
         * @param removalsApplied whether the run's removals were applied (not held)
         * @return the blob, or null to forget the kind's fingerprint
         */
        byte[] data(boolean removalsApplied);
    }

    void remember(String kind, Blob blob) {
        remembered.add(new Remembered(kind, blob));
    }

    /** The state a removal leaves its record in (archived, or pending removal); -1 for any other change. */
    static int stateAfter(DirectoryChange change) {
        return change instanceof DirectoryChange.Archive ? io.rostersync.directory.RecordState.ARCHIVED.ordinal()
                : change instanceof DirectoryChange.MarkPendingRemoval
                        ? io.rostersync.directory.RecordState.PENDING_REMOVAL.ordinal() : -1;
    }

    RunContext(DirectoryTransaction tx, RosterSnapshot snapshot, SyncSettings settings, Journal journal,
            DirectoryTransaction.ChangeSink sink, Instant now,
            java.util.function.Function<java.time.LocalDate, String> birthDateKey) {
        this.tx = tx;
        this.birthDateKey = birthDateKey;
        this.snapshot = snapshot;
        this.settings = settings;
        this.journal = journal;
        this.sink = sink;
        this.now = now;
        this.personIds = new IdPool(tx, EntityKind.STUDENTS);
        this.classroomIds = new IdPool(tx, EntityKind.CLASSROOMS);
        this.schoolIds = new IdPool(tx, EntityKind.SCHOOLS);
        this.users = (int) Math.min(50_000_000L, snapshot == null ? 0
                : snapshot.file(RosterFile.USERS).map(FileSummary::rows).orElse(0L));
        this.people = new LongLongHashMap(users);
        this.synced = new LongObjectHashMap<>(users);
        for (EntityKind kind : EntityKind.values()) {
            managedAndLeaving.put(kind, new long[2]);
        }
    }

    FileMode mode(RosterFile file) {
        return snapshot.file(file).map(FileSummary::mode).orElse(FileMode.ABSENT);
    }

    /** A change that is applied with the run. */
    void apply(DirectoryChange change) {
        journal.record(change, false);
        counts.add(change);
        sink.accept(change);
    }

    /**
     * The deferred removals, kept in memory with their places in the journal while they are few
     * enough: the journal gets them once the guard has decided, already marked waiting or applied,
     * and a run the guard lets through applies them from here (rather than journaling them as
     * waiting, reading them back and marking them applied). Null past the limit: the journal then
     * has them all, waiting.
     */
    private List<Deferred> deferred = new ArrayList<>();
    /** Not final only so that a test can take the journal's way with a small district. */
    static int deferredInMemory = 250_000;

    private record Deferred(long seq, DirectoryChange change) {
    }

    /**
     * Journals the removals kept in memory, in their planned places, as waiting or not, and returns
     * them in that order; empty when the journal already has every removal (as waiting).
     */
    Optional<List<DirectoryChange>> journalDeferred(boolean waiting) {
        if (deferred == null) {
            return Optional.empty();
        }
        List<DirectoryChange> changes = new ArrayList<>(deferred.size());
        for (Deferred d : deferred) {
            journal.record(d.change(), waiting, d.seq());
            changes.add(d.change());
        }
        deferred = null;
        return Optional.of(changes);
    }

    /** A removal: it waits (in memory, or in the journal) until the guard lets it through. */
    void defer(DirectoryChange change) {
        if (deferred != null) {
            deferred.add(new Deferred(journal.reserve(), change));
            if (deferred.size() > deferredInMemory) {
                journalDeferred(true); // from here on, the journal has them all
            }
        } else {
            journal.record(change, true);
        }
        waitingCounts.add(change);
        waiting++;
        // guardian links are not counted against a threshold
        if (change instanceof DirectoryChange.Archive || change instanceof DirectoryChange.MarkPendingRemoval
                || change instanceof DirectoryChange.MemberRemoved) {
            managedAndLeaving.get(change.kind())[1]++;
        }
    }

    /** Applies or defers each planned change, by whether it removes something. */
    void route(List<DirectoryChange> changes) {
        for (DirectoryChange c : changes) {
            if (removes(c)) {
                defer(c);
            } else {
                apply(c);
            }
        }
        changes.clear();
    }

    static boolean removes(DirectoryChange c) {
        return c instanceof DirectoryChange.Archive || c instanceof DirectoryChange.MarkPendingRemoval
                || c instanceof DirectoryChange.MemberRemoved || c instanceof DirectoryChange.GuardianLinkRemoved
                || c instanceof DirectoryChange.Update u && losesRole(u);
    }

    /**
     * An update that takes a role away (a teacher who is no longer a parent, a student no longer at a
     * school) removes something as surely as an archive does: a truncated file must not do it either.
     */
    static boolean losesRole(DirectoryChange.Update update) {
        for (io.rostersync.directory.FieldChange f : update.fields()) {
            if (f.field().equals("roles") && f.before() != null) {
                java.util.Set<String> after = f.after() == null ? java.util.Set.of()
                        : java.util.Set.of(f.after().split(","));
                for (String role : f.before().split(",")) {
                    if (!after.contains(role)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    void skip(Skip skip) {
        journal.skip(skip);
    }

    void skips(List<Skip> skips) {
        skips.forEach(this::skip);
        skips.clear();
    }

    void managed(EntityKind kind, long n) {
        managedAndLeaving.get(kind)[0] += n;
    }
}
