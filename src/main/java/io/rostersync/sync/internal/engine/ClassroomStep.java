package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryClassroom;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.AcademicSession;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterClass;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.internal.correlate.Candidate;
import io.rostersync.sync.internal.correlate.Correlation;
import io.rostersync.sync.internal.correlate.Correlator;
import io.rostersync.sync.internal.correlate.MatchRule;
import io.rostersync.sync.internal.correlate.Situation;
import io.rostersync.sync.internal.plan.ClassroomPlanner;
import io.rostersync.sync.internal.plan.DesiredClassroom;
import io.rostersync.sync.internal.plan.Ids;
import io.rostersync.sync.internal.plan.Skip;
import io.rostersync.sync.internal.run.Fingerprints;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Classrooms: what the directory has is reduced to one compact row per linked class (the id's
 * hash, the classroom, a fingerprint of its fields and school, its state), remembered between runs
 * as people's are, so that a class whose fingerprint is unchanged is a look-up, and only the
 * others are read from the directory and planned, a batch at a time. A class is linked by its
 * source link (an admin may have linked a classroom from before the sync); one whose title matches
 * an unlinked classroom goes to the admin, never linked on a name alone.
 */
final class ClassroomStep {

    static final String KIND = "classrooms";
    private static final int BATCH = 2_000;
    private static final FieldsFingerprint FINGERPRINT = new FieldsFingerprint(List.of("title", "code", "grades",
            "periods", "terms", "school_id"));

    private final RunContext run;
    private final ClassroomPlanner planner;
    private final Correlator correlator = new Correlator(List.of());
    private final Known known = new Known(0);
    /** What the run leaves the directory with: the fingerprint for the next run. */
    private final Known next = new Known(0);
    private final LongHashSet seen = new LongHashSet();
    private final Map<String, String> terms = new HashMap<>();
    private final List<DirectoryChange> changes = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();
    /** Classes to plan against the directory, with what each wants. */
    private final List<Pending> batch = new ArrayList<>();
    /** Entries of {@link #next} whose state a leaver's removal sets, and that state, if the removals are applied. */
    private final IntArrayList leaverIndex = new IntArrayList();
    private final IntArrayList leaverState = new IntArrayList();
    /** The directory's classrooms without a link, by title: read once, when a class the directory lacks comes. */
    private Map<String, List<Candidate>> unlinkedByTitle;
    private long unchanged;
    private final LongHashSet linkedByAnswer = new LongHashSet();
    /** The classrooms of classes left out that new classes are (a switch of source); built when first needed. */
    private ClassroomTies ties;
    /** The ids of classrooms whose links moved to a new class: not remembered for the next run. */
    private final LongHashSet movedAway = new LongHashSet();

    private ClassroomStep(RunContext run) {
        this.run = run;
        this.planner = new ClassroomPlanner(run.settings, run.classroomIds);
    }

    static void run(RunContext run) throws SQLException {
        new ClassroomStep(run).plan();
    }

    private void plan() throws SQLException {
        Optional<byte[]> remembered = Fingerprints.load(run.tx.connection(), run.tx.districtId(), RunContext.SOURCE,
                KIND, run.epoch);
        if (remembered.isPresent() && known.decode(remembered.get())) {
            run.loadedFingerprints.put(KIND, remembered.get());
        } else {
            known.clear();
            List<DirectoryClassroom> directory = run.tx.classrooms(RunContext.SOURCE);
            unlinkedByTitle = new HashMap<>();
            for (DirectoryClassroom c : directory) {
                if (c.sourcedId() != null) {
                    known.put(Ids.hash(c.sourcedId()), c.id(), FINGERPRINT.of(c.fields()), c.schoolId(),
                            c.state().ordinal(), c.managed());
                } else {
                    unlinked(c);
                }
            }
        }
        for (int i = 0; i < known.size; i++) {
            if (known.managed[i] && known.state[i] != RecordState.ARCHIVED.ordinal()) {
                run.managed(EntityKind.CLASSROOMS, 1);
            }
        }
        if (run.snapshot.has(RosterFile.ACADEMIC_SESSIONS)) {
            try (Stream<AcademicSession> sessions = run.snapshot.academicSessions()) {
                sessions.forEach(s -> {
                    if (s.title() != null) {
                        terms.put(s.sourcedId(), s.title());
                    }
                });
            }
        }
        LongHashSet deleted = new LongHashSet();
        try (Stream<RosterClass> classes = run.snapshot.classes()) {
            classes.forEach(k -> {
                if (k.status() == RecordStatus.TO_BE_DELETED) {
                    deleted.add(Ids.hash(k.sourcedId()));
                } else {
                    DesiredClassroom desired = desired(k);
                    if (!unchanged(k, desired)) {
                        batch.add(new Pending(k, desired));
                        if (batch.size() >= BATCH) {
                            flush();
                        }
                    }
                }
            });
        }
        flush();
        run.counts.unchanged(EntityKind.CLASSROOMS, unchanged);
        leavers(deleted);
        for (int i = 0; i < known.size; i++) {
            if (next.find(known.hash[i]) < 0 && !movedAway.contains(known.hash[i])) {
                next.copy(known, i); // not in this run: as the directory has it
            }
        }
        run.remember(KIND, removalsApplied -> {
            if (removalsApplied) {
                for (int k = 0; k < leaverIndex.size(); k++) {
                    next.state[leaverIndex.get(k)] = leaverState.get(k);
                }
            }
            return next.encode();
        });
    }

    /**
     * The left-out classroom this new class is (see {@link ClassroomTies}), if any: not for a class an
     * admin answered for, whose answer goes first.
     */
    private OptionalLong tie(RosterClass k, DesiredClassroom desired) throws SQLException {
        Long school = run.syncingSchools.get(k.schoolSourcedId());
        if (school == null || run.decided.classroom(k.sourcedId()) != null) {
            return OptionalLong.empty();
        }
        if (ties == null) {
            ties = ClassroomTies.build(run, known);
        }
        return ties.tie(k, school, desired.fields().get("title"), desired.fields().get("terms"));
    }

    /** A class whose classroom the directory has as the class wants it, in a school that syncs: noted and done. */
    private record Pending(RosterClass k, DesiredClassroom desired) {
    }

    private boolean unchanged(RosterClass k, DesiredClassroom desired) {
        long self = Ids.hash(k.sourcedId());
        int i = known.find(self);
        Long school = run.syncingSchools.get(k.schoolSourcedId());
        if (i < 0 || school == null || known.state[i] != RecordState.ACTIVE.ordinal()
                || known.fingerprint[i] != fingerprint(desired, school)) {
            return false;
        }
        unchanged++;
        seen.add(known.localId[i]);
        run.classrooms.put(self, known.localId[i]);
        next.copy(known, i);
        return true;
    }

    private static long fingerprint(DesiredClassroom desired, long school) {
        Map<String, String> wanted = new HashMap<>(desired.fields());
        wanted.put("school_id", Long.toString(school));
        return FINGERPRINT.of(wanted);
    }

    /** Plans the batch's classes against their classrooms as the directory has them. */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        try {
            com.carrotsearch.hppc.LongArrayList ids = new com.carrotsearch.hppc.LongArrayList(batch.size());
            Map<Pending, Long> tied = new java.util.IdentityHashMap<>();
            for (Pending p : batch) {
                int i = known.find(Ids.hash(p.k().sourcedId()));
                if (i >= 0) {
                    ids.add(known.localId[i]);
                } else {
                    OptionalLong classroom = tie(p.k(), p.desired());
                    if (classroom.isPresent()) {
                        tied.put(p, classroom.getAsLong());
                        ids.add(classroom.getAsLong());
                    }
                }
            }
            Map<Long, DirectoryClassroom> current = new HashMap<>();
            for (DirectoryClassroom c : run.tx.classrooms(RunContext.SOURCE, ids.toArray())) {
                current.put(c.id(), c);
            }
            for (Pending p : batch) {
                Long classroom = tied.get(p);
                plan(p.k(), p.desired(), current, classroom == null ? null : current.get(classroom));
            }
            batch.clear();
        } catch (SQLException e) {
            throw new SyncFailure("could not read the directory's classrooms: " + e.getMessage(), e);
        }
    }

    /** @param tiedTo the left-out classroom this new class is (a switch of source), or null */
    private void plan(RosterClass k, DesiredClassroom desired, Map<Long, DirectoryClassroom> directory,
            DirectoryClassroom tiedTo) throws SQLException {
        long self = Ids.hash(k.sourcedId());
        int i = known.find(self);
        DirectoryClassroom current = i < 0 ? null : directory.get(known.localId[i]);
        if (current == null && unlinkedByTitle == null) {
            unlinkedByTitle = new HashMap<>();
            for (DirectoryClassroom c : run.tx.unlinkedClassrooms(RunContext.SOURCE)) {
                unlinked(c);
            }
        }
        Long answer = current == null ? run.decided.classroom(k.sourcedId()) : null;
        DirectoryClassroom chosen = answer == null || answer == Decided.CREATE ? null : unlinkedClassroom(answer);
        Correlation c;
        if (answer != null && answer == Decided.CREATE) {
            c = Correlation.unmatched();
            run.decided.followedClassroom(k.sourcedId());
        } else if (chosen != null) {
            c = Correlation.unlinked(chosen.id(), MatchRule.ADMIN, "an admin linked the classroom to this class");
            run.decided.followedClassroom(k.sourcedId());
            for (List<Candidate> sameTitle : unlinkedByTitle == null ? List.<List<Candidate>>of()
                    : unlinkedByTitle.values()) {
                sameTitle.removeIf(candidate -> candidate.localId() == chosen.id()); // linked now: no one else's
            }
        } else if (answer != null && !run.tx.classrooms(RunContext.SOURCE, new long[] {answer}).isEmpty()) {
            // never created beside the classroom an admin chose, even when that one cannot be taken
            c = Correlation.disputed(MatchRule.ADMIN, List.of(answer), "an admin's answer is a classroom already"
                    + " linked to another class: answer again");
        } else if (current == null && tiedTo != null) {
            c = Correlation.relinked(tiedTo.id(), MatchRule.SAME_CLASS, "the classroom of a class no longer sent, at"
                    + " the same school, with the same title, terms, teachers and students");
        } else {
            c = correlator.classroom(desired.fields().get("title"),
                    current == null ? OptionalLong.empty() : OptionalLong.of(current.id()),
                    (rule, title) -> rule == MatchRule.NAME && unlinkedByTitle != null
                            ? unlinkedByTitle.getOrDefault(title, List.of()) : List.of());
        }
        if (c.situation() == Situation.UNLINKED) {
            current = tiedTo != null ? tiedTo : chosen;
        } else if (c.situation() == Situation.DISPUTED) {
            current = null;
        }
        if (current != null) {
            seen.add(current.id());
        }
        planner.plan(desired, c, current, school -> {
            Long id = run.syncingSchools.get(school);
            return id == null ? OptionalLong.empty() : OptionalLong.of(id);
        }, changes, skips);
        if (c.movesLink() && current != null && current.sourcedId() != null
                && changes.stream().anyMatch(DirectoryChange.Link.class::isInstance)) {
            // the old id goes: one the SIS gives another class one day is then that class
            changes.add(new DirectoryChange.Unlink(EntityKind.CLASSROOMS, current.id(), current.sourcedId()));
            movedAway.add(Ids.hash(current.sourcedId()));
        }
        long localId = -1;
        RecordState after = current == null ? RecordState.ACTIVE : current.state();
        for (DirectoryChange change : changes) {
            if (change instanceof DirectoryChange.Create create) {
                localId = create.localId();
            } else if (change instanceof DirectoryChange.Restore) {
                after = RecordState.ACTIVE;
            }
        }
        boolean skipped = !skips.isEmpty() && skips.stream().anyMatch(s -> s.setting() == null
                || s.setting().equals("schoolsThatSync") || s.setting().equals("restoreClassrooms"));
        if (current != null && !skipped) {
            localId = current.id();
            if (changes.isEmpty()) {
                unchanged++;
            }
        }
        if (localId >= 0 && !skipped) {
            run.classrooms.put(self, localId);
            Long school = run.syncingSchools.get(k.schoolSourcedId());
            // a field kept by hand differs from the class: the next run plans it again, and says so again
            long fp = skips.isEmpty() && school != null ? fingerprint(desired, school) : 0;
            next.put(self, localId, fp, school == null ? -1 : school, after.ordinal(),
                    current == null || current.managed());
        }
        run.route(changes);
        run.skips(skips);
    }

    /**
     * Linked classrooms that are not in this run: a bulk classes.csv is the whole truth, so they
     * left (as do the tobedeleted of a delta file); a delta file sends only the classes that
     * changed, so the others keep taking members.
     */
    private void leavers(LongHashSet deleted) throws SQLException {
        FileMode mode = run.mode(RosterFile.CLASSES);
        LongIntHashMap leaving = new LongIntHashMap();
        for (int i = 0; i < known.size; i++) {
            long localId = known.localId[i];
            if (seen.contains(localId) || known.state[i] == RecordState.ARCHIVED.ordinal()) {
                continue;
            }
            if (mode == FileMode.BULK || deleted.contains(known.hash[i])) {
                if (known.managed[i]) {
                    leaving.put(localId, i);
                }
            } else if (run.syncingSchools.containsValue(known.schoolId[i])) {
                run.classrooms.put(known.hash[i], localId);
            }
        }
        long[] ids = leaving.keys().toArray();
        Arrays.sort(ids);
        for (int from = 0; from < ids.length; from += BATCH) {
            for (DirectoryClassroom c : run.tx.classrooms(RunContext.SOURCE,
                    Arrays.copyOfRange(ids, from, Math.min(ids.length, from + BATCH)))) {
                planner.planMissing(c, run.now, changes, skips);
                for (DirectoryChange change : changes) {
                    int state = RunContext.stateAfter(change);
                    if (state >= 0) {
                        leaverIndex.add(next.copy(known, leaving.get(c.id())));
                        leaverState.add(state);
                    }
                }
                run.route(changes);
                run.skips(skips);
            }
        }
    }

    /**
     * The classroom of this id if no class of the source is linked to it yet, and no earlier class
     * of this run took it: an admin's link is followed once.
     */
    private DirectoryClassroom unlinkedClassroom(long id) throws SQLException {
        if (!linkedByAnswer.add(id)) {
            return null;
        }
        List<DirectoryClassroom> found = run.tx.classrooms(RunContext.SOURCE, new long[] {id});
        return found.isEmpty() || found.get(0).sourcedId() != null ? null : found.get(0);
    }

    private void unlinked(DirectoryClassroom c) {
        String title = c.fields().get("title");
        if (title != null) {
            unlinkedByTitle.computeIfAbsent(title, t -> new ArrayList<>()).add(Candidate.named(c.id(), title, false));
        }
    }

    private DesiredClassroom desired(RosterClass k) {
        Map<String, String> fields = new HashMap<>();
        put(fields, "title", k.title());
        put(fields, "code", k.classCode());
        put(fields, "grades", String.join(",", k.grades()));
        put(fields, "periods", String.join(",", k.periods()));
        List<String> termNames = new ArrayList<>();
        for (String term : k.termSourcedIds()) {
            termNames.add(terms.getOrDefault(term, term));
        }
        put(fields, "terms", String.join(",", termNames));
        return new DesiredClassroom(k.sourcedId(), k.schoolSourcedId(), fields, k.origin());
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
    }

    /** One row per linked classroom, with its school. */
    private static final class Known extends KnownRows {
        private static final int ENTRY = 34;
        long[] schoolId;

        Known(int expected) {
            super(expected);
        }

        @Override
        void allocateColumns(int capacity) {
            schoolId = new long[capacity];
        }

        @Override
        void growColumns(int capacity) {
            schoolId = Arrays.copyOf(schoolId, capacity);
        }

        void clear() {
            allocate(1024);
        }

        /** Adds an entry, or replaces the one of the same id hash; returns its index. */
        int put(long idHash, long local, long fp, long school, int st, boolean man) {
            int i = row(idHash, local, fp, st, man);
            schoolId[i] = school;
            return i;
        }

        int copy(Known from, int i) {
            return put(from.hash[i], from.localId[i], from.fingerprint[i], from.schoolId[i], from.state[i],
                    from.managed[i]);
        }

        /** 34 bytes an entry: id hash, local id, fingerprint, school, then state and managed. */
        byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(4 + size * ENTRY);
            b.putInt(size);
            for (int i = 0; i < size; i++) {
                b.putLong(hash[i]).putLong(localId[i]).putLong(fingerprint[i]).putLong(schoolId[i]);
                b.put((byte) state[i]).put((byte) (managed[i] ? 1 : 0));
            }
            return b.array();
        }

        /** False for a blob of another layout, which the run then ignores. */
        boolean decode(byte[] data) {
            if (data.length < 4 || (data.length - 4) % ENTRY != 0) {
                return false;
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            int n = b.getInt();
            if (n != (data.length - 4) / ENTRY) {
                return false;
            }
            allocate(Math.max(1024, n));
            for (int i = 0; i < n; i++) {
                put(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.get(), b.get() == 1);
            }
            return true;
        }
    }
}
