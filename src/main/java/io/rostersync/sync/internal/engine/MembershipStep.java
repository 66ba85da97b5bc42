package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongCursor;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.EntityKind;
import io.rostersync.oneroster.Enrollment;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.internal.plan.Ids;
import io.rostersync.sync.internal.plan.MembershipPlanner;
import io.rostersync.sync.internal.plan.MembershipPlanner.CurrentMember;
import io.rostersync.sync.internal.plan.MembershipPlanner.WantedMember;
import io.rostersync.sync.internal.plan.Skip;
import io.rostersync.sync.internal.run.Fingerprints;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Enrollments, the largest file (ten per student): each classroom's wanted members are kept as
 * packed longs (person, role, primary) rather than objects. A classroom whose wanted members hash
 * to what the last applied run left it with is unchanged without a look at the directory; the
 * others are compared with their members as the directory has them, a batch of classrooms at a
 * time. Without a valid fingerprint every member is read once. Enrollments of a class that does not
 * sync are left out without a row each: the class's own skip explains them.
 */
final class MembershipStep {

    static final List<String> ROLES = List.of("teacher", "student", "administrator", "proctor");
    static final String KIND = "memberships";
    private static final int BATCH = 2_000;

    private final RunContext run;
    private final FileMode mode;
    private final LongObjectHashMap<LongArrayList> wanted = new LongObjectHashMap<>();
    private final LongObjectHashMap<LongArrayList> leaving = new LongObjectHashMap<>();
    /** Per classroom, the hash of its members after the run: with and without the run's removals. */
    private final LongLongHashMap nextWithRemovals = new LongLongHashMap();
    private final LongLongHashMap nextWithoutRemovals = new LongLongHashMap();
    private long managed;
    private long managedAdded;
    private long managedRemoved;
    private long unchanged;

    private MembershipStep(RunContext run) {
        this.run = run;
        this.mode = run.mode(RosterFile.ENROLLMENTS);
    }

    static long pack(long personId, int role, boolean primary) {
        return personId << 4 | (long) role << 1 | (primary ? 1 : 0);
    }

    static void run(RunContext run) throws SQLException {
        new MembershipStep(run).plan();
    }

    private void plan() throws SQLException {
        LongHashSet inRun = new LongHashSet();
        for (LongCursor c : run.classrooms.values()) {
            inRun.add(c.value);
        }
        readWanted();
        Optional<byte[]> remembered = Fingerprints.load(run.tx.connection(), run.tx.districtId(), RunContext.SOURCE,
                KIND, run.epoch);
        remembered.ifPresent(data -> run.loadedFingerprints.put(KIND, data));
        LongLongHashMap before = new LongLongHashMap();
        List<Long> toCompare = new ArrayList<>();
        if (remembered.isPresent()) {
            ByteBuffer b = ByteBuffer.wrap(remembered.get());
            managed = b.getLong();
            int n = b.getInt();
            for (int i = 0; i < n; i++) {
                before.put(b.getLong(), b.getLong());
            }
            for (long classroom : ascending(inRun)) {
                long[] members = unique(wanted.get(classroom));
                boolean named = wanted.containsKey(classroom) || leaving.containsKey(classroom);
                if (mode == FileMode.DELTA ? !named : before.containsKey(classroom) && before.get(classroom) == hash(members)) {
                    unchanged += members.length / 2;
                    if (before.containsKey(classroom)) {
                        nextWithRemovals.put(classroom, before.get(classroom));
                        nextWithoutRemovals.put(classroom, before.get(classroom));
                    }
                } else {
                    toCompare.add(classroom);
                }
            }
            for (int from = 0; from < toCompare.size(); from += BATCH) {
                long[] ids = toCompare.subList(from, Math.min(toCompare.size(), from + BATCH)).stream()
                        .mapToLong(Long::longValue).toArray();
                LongObjectHashMap<LongArrayList> current = new LongObjectHashMap<>();
                run.tx.forEachMember(ids, (classroom, person, role, primary, isManaged) -> add(current, classroom,
                        pack(person, ROLES.indexOf(role), primary), isManaged ? 1 : 0));
                for (long id : ids) {
                    compare(id, current.get(id));
                }
            }
            for (LongLongCursor c : before) {
                if (!inRun.contains(c.key)) {
                    nextWithRemovals.put(c.key, c.value); // a classroom this run does not touch keeps its members
                    nextWithoutRemovals.put(c.key, c.value);
                }
            }
        } else {
            LongObjectHashMap<LongArrayList> current = new LongObjectHashMap<>();
            run.tx.forEachMember((classroom, person, role, primary, isManaged) -> {
                if (isManaged) {
                    managed++;
                }
                add(current, classroom, pack(person, ROLES.indexOf(role), primary), isManaged ? 1 : 0);
            });
            for (long classroom : ascending(inRun)) {
                if (mode == FileMode.BULK || wanted.containsKey(classroom) || leaving.containsKey(classroom)) {
                    compare(classroom, current.get(classroom));
                }
            }
            for (var c : current) {
                if (!nextWithRemovals.containsKey(c.key)) {
                    long h = hash(unique(c.value, true));
                    nextWithRemovals.put(c.key, h);
                    nextWithoutRemovals.put(c.key, h);
                }
            }
        }
        run.managed(EntityKind.ENROLLMENTS, managed);
        run.counts.unchanged(EntityKind.ENROLLMENTS, unchanged);
        run.remembered.add(new RunContext.Remembered() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public byte[] data(boolean removalsApplied) {
                LongLongHashMap next = removalsApplied ? nextWithRemovals : nextWithoutRemovals;
                ByteBuffer b = ByteBuffer.allocate(12 + next.size() * 16);
                b.putLong(managed + managedAdded - (removalsApplied ? managedRemoved : 0));
                b.putInt(next.size());
                for (LongLongCursor c : next) {
                    b.putLong(c.key).putLong(c.value);
                }
                return b.array();
            }
        });
    }

    /**
     * Classrooms in the order of their ids: memberships are then written in the order of the
     * membership table's primary key, which keeps a first load's index writes sequential.
     */
    private static long[] ascending(LongHashSet classrooms) {
        long[] ids = classrooms.toArray();
        Arrays.sort(ids);
        return ids;
    }

    /** Reads enrollments.csv into packed members per classroom: (packed member, source line) pairs. */
    private void readWanted() {
        try (Stream<Enrollment> enrollments = run.snapshot.enrollments()) {
            enrollments.forEach(e -> {
                long classroom = run.classrooms.getOrDefault(Ids.hash(e.classSourcedId()), -1);
                if (classroom < 0) {
                    return;
                }
                int role = ROLES.indexOf(e.role());
                long person = run.people.getOrDefault(Ids.hash(e.userSourcedId()), -1);
                if (e.status() == RecordStatus.TO_BE_DELETED) {
                    if (mode == FileMode.DELTA && role >= 0 && person >= 0) {
                        add(leaving, classroom, pack(person, role, false), e.origin().line());
                    }
                    return;
                }
                if (role < 0) {
                    run.skip(new Skip(EntityKind.ENROLLMENTS, e.sourcedId(), "the role " + e.role()
                            + " has no place in a classroom", null, e.origin()));
                    return;
                }
                if (person < 0) {
                    run.skip(new Skip(EntityKind.ENROLLMENTS, e.sourcedId(), "its user " + e.userSourcedId()
                            + " does not sync", null, e.origin()));
                    return;
                }
                add(wanted, classroom, pack(person, role, Boolean.TRUE.equals(e.primary())), e.origin().line());
            });
        }
    }

    /** Plans one classroom against its members as the directory has them, and notes its members after the run. */
    private void compare(long classroom, LongArrayList have) {
        List<WantedMember> want = new ArrayList<>();
        LongArrayList w = wanted.get(classroom);
        for (int i = 0; w != null && i < w.size(); i += 2) {
            long p = w.get(i);
            want.add(new WantedMember(p >>> 4, ROLES.get((int) (p >>> 1) & 7), (p & 1) == 1,
                    new RecordOrigin(RosterFile.ENROLLMENTS, (int) w.get(i + 1))));
        }
        List<CurrentMember> current = new ArrayList<>();
        // after the run, by (person, role): the packed member and whether the sync manages it
        LongLongHashMap after = new LongLongHashMap();
        for (int i = 0; have != null && i < have.size(); i += 2) {
            long p = have.get(i);
            boolean isManaged = have.get(i + 1) == 1;
            current.add(new CurrentMember(p >>> 4, ROLES.get((int) (p >>> 1) & 7), (p & 1) == 1, isManaged));
            after.put(p >>> 1, p << 1 | (isManaged ? 1 : 0));
        }
        LongLongHashMap withoutRemovals = new LongLongHashMap();
        Consumer<DirectoryChange> additions = change -> {
            DirectoryChange.MemberAdded m = (DirectoryChange.MemberAdded) change;
            long key = pack(m.personId(), ROLES.indexOf(m.role()), false) >>> 1;
            long old = after.getOrDefault(key, -1);
            if (old < 0 || (old & 1) == 0) {
                managedAdded++;
            }
            after.put(key, pack(m.personId(), ROLES.indexOf(m.role()), m.primary()) << 1 | 1);
            run.apply(change);
        };
        List<DirectoryChange.MemberRemoved> removed = new ArrayList<>();
        Consumer<DirectoryChange> removals = change -> removed.add((DirectoryChange.MemberRemoved) change);
        if (mode == FileMode.BULK) {
            unchanged += MembershipPlanner.plan(classroom, want, current, additions, removals);
        } else {
            unchanged += MembershipPlanner.plan(classroom, want, current, additions, change -> { });
            LongArrayList gone = leaving.get(classroom);
            for (int j = 0; gone != null && j < gone.size(); j += 2) {
                long key = gone.get(j) >>> 1;
                long old = after.getOrDefault(key, -1);
                if (old >= 0 && (old & 1) == 1) {
                    long p = old >>> 1;
                    removed.add(new DirectoryChange.MemberRemoved(classroom, p >>> 4, ROLES.get((int) (p >>> 1) & 7),
                            (p & 1) == 1, new RecordOrigin(RosterFile.ENROLLMENTS, (int) gone.get(j + 1))));
                }
            }
        }
        withoutRemovals.putAll(after);
        for (DirectoryChange.MemberRemoved m : removed) {
            after.remove(pack(m.personId(), ROLES.indexOf(m.role()), false) >>> 1);
            managedRemoved++;
            run.defer(m);
        }
        nextWithRemovals.put(classroom, hash(after));
        nextWithoutRemovals.put(classroom, hash(withoutRemovals));
    }

    /** The wanted members of a classroom once each, as (packed member, managed) pairs, sorted. */
    private static long[] unique(LongArrayList members) {
        return unique(members, false);
    }

    private static long[] unique(LongArrayList members, boolean secondIsManaged) {
        if (members == null) {
            return new long[0];
        }
        LongLongHashMap byKey = new LongLongHashMap();
        for (int i = 0; i < members.size(); i += 2) {
            long p = members.get(i);
            long managedFlag = secondIsManaged ? members.get(i + 1) : 1;
            byKey.putIfAbsent(p >>> 1, p << 1 | managedFlag);
        }
        long[] out = new long[byKey.size() * 2];
        int k = 0;
        for (LongLongCursor c : byKey) {
            out[k++] = c.value >>> 1;
            out[k++] = c.value & 1;
        }
        return out;
    }

    /** An order-free hash of a member set: the same members hash the same however they were read. */
    private static long hash(long[] pairs) {
        long h = pairs.length;
        for (int i = 0; i < pairs.length; i += 2) {
            h += Ids.mix(pairs[i] << 1 | pairs[i + 1]);
        }
        return h;
    }

    private static long hash(LongLongHashMap after) {
        long h = after.size() * 2L;
        for (LongLongCursor c : after) {
            h += Ids.mix(c.value);
        }
        return h;
    }

    private static void add(LongObjectHashMap<LongArrayList> byClassroom, long classroom, long packed, long extra) {
        LongArrayList list = byClassroom.get(classroom);
        if (list == null) {
            list = new LongArrayList(8);
            byClassroom.put(classroom, list);
        }
        list.add(packed, extra);
    }
}
