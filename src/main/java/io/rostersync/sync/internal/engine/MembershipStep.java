package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongCursor;
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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Enrollments, the largest file (ten per student): each classroom's wanted members are kept as
 * packed longs (person, role, primary) rather than objects. The members each classroom had after
 * the last applied run are remembered ({@link MemberLists}): a classroom whose wanted members are
 * those is unchanged, and the others are compared with them in memory. Without valid lists every
 * member is read from the directory once. Enrollments of a class that does not sync are left out
 * without a row each: the class's own skip explains them.
 */
final class MembershipStep {

    static final List<String> ROLES = List.of("teacher", "student", "administrator", "proctor");
    static final String KIND = "memberships";

    private final RunContext run;
    private final FileMode mode;
    private final LongObjectHashMap<LongArrayList> wanted = new LongObjectHashMap<>();
    private final LongObjectHashMap<LongArrayList> leaving = new LongObjectHashMap<>();
    /** The members of each classroom the run compared, after it: with the run's removals ... */
    private final LongObjectHashMap<long[]> after = new LongObjectHashMap<>();
    /** ... and, where it has removals, without them (a held run keeps them waiting). */
    private final LongObjectHashMap<long[]> afterWithoutRemovals = new LongObjectHashMap<>();
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
        Optional<MemberLists> before = remembered.flatMap(MemberLists::decode);
        MemberLists.Writer unchangedLists;
        if (before.isPresent()) {
            run.loadedFingerprints.put(KIND, remembered.get());
            managed = before.get().managed();
            for (long classroom : ascending(inRun)) {
                long[] members = unique(wanted.get(classroom), false);
                boolean named = wanted.containsKey(classroom) || leaving.containsKey(classroom);
                // a delta file (or none, in a package of changes) leaves the classrooms it does not name as they are
                if (mode != FileMode.BULK ? !named : before.get().holds(classroom, members)) {
                    unchanged += members.length;
                } else {
                    compare(classroom, before.get().values(classroom));
                }
            }
            unchangedLists = new MemberLists.Writer(remembered.get().length);
            before.get().copyAllBut(compared(), unchangedLists);
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
                    compare(classroom, unique(current.get(classroom), true));
                }
            }
            unchangedLists = new MemberLists.Writer(1 << 16);
            for (long classroom : ascending(current.keys())) {
                if (!after.containsKey(classroom)) {
                    unchangedLists.write(classroom, unique(current.get(classroom), true));
                }
            }
        }
        run.managed(EntityKind.ENROLLMENTS, managed);
        run.counts.unchanged(EntityKind.ENROLLMENTS, unchanged);
        run.remember(KIND, removalsApplied -> {
            long added = 0;
            for (var c : after) {
                added += c.value.length;
            }
            MemberLists.Writer lists = unchangedLists.copy((int) Math.min(Integer.MAX_VALUE / 2, added * 5 + 1024));
            for (long classroom : ascending(after.keys())) {
                long[] members = removalsApplied ? null : afterWithoutRemovals.get(classroom);
                lists.write(classroom, members != null ? members : after.get(classroom));
            }
            return lists.finish(managed + managedAdded - (removalsApplied ? managedRemoved : 0));
        });
    }

    private LongHashSet compared() {
        LongHashSet ids = new LongHashSet(after.size());
        for (var c : after) {
            ids.add(c.key);
        }
        return ids;
    }

    /**
     * Classrooms in the order of their ids: memberships are then written in the order of the
     * membership table's primary key, which keeps a first load's index writes sequential.
     */
    private static long[] ascending(com.carrotsearch.hppc.LongContainer classrooms) {
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

    /**
     * Plans one classroom against its members as the directory has them (values: packed member
     * {@code << 1 |} managed), and notes its members after the run.
     */
    private void compare(long classroom, long[] have) {
        List<WantedMember> want = new ArrayList<>();
        LongArrayList w = wanted.get(classroom);
        for (int i = 0; w != null && i < w.size(); i += 2) {
            long p = w.get(i);
            want.add(new WantedMember(p >>> 4, ROLES.get((int) (p >>> 1) & 7), (p & 1) == 1,
                    new RecordOrigin(RosterFile.ENROLLMENTS, (int) w.get(i + 1))));
        }
        List<CurrentMember> current = new ArrayList<>(have.length);
        // after the run, by (person, role): the member's value
        LongLongHashMap members = new LongLongHashMap(have.length + want.size());
        for (long v : have) {
            long p = v >>> 1;
            current.add(new CurrentMember(p >>> 4, ROLES.get((int) (p >>> 1) & 7), (p & 1) == 1, (v & 1) == 1));
            members.put(p >>> 1, v);
        }
        Consumer<DirectoryChange> additions = change -> {
            DirectoryChange.MemberAdded m = (DirectoryChange.MemberAdded) change;
            long key = pack(m.personId(), ROLES.indexOf(m.role()), false) >>> 1;
            long old = members.getOrDefault(key, -1);
            if (old < 0 || (old & 1) == 0) {
                managedAdded++;
            }
            members.put(key, pack(m.personId(), ROLES.indexOf(m.role()), m.primary()) << 1 | 1);
            run.apply(change);
        };
        List<DirectoryChange.MemberRemoved> removed = new ArrayList<>();
        Consumer<DirectoryChange> removals = change -> removed.add((DirectoryChange.MemberRemoved) change);
        if (mode == FileMode.BULK) {
            unchanged += MembershipPlanner.plan(classroom, want, current, additions, removals);
        } else {
            unchanged += MembershipPlanner.plan(classroom, want, current, additions, change -> { });
            LongArrayList gone = leaving.get(classroom);
            // an enrollment ended under one id and begun under another (a re-enrollment) keeps the member
            LongHashSet stays = new LongHashSet();
            for (int i = 0; w != null && i < w.size(); i += 2) {
                stays.add(w.get(i) >>> 1);
            }
            for (int j = 0; gone != null && j < gone.size(); j += 2) {
                long key = gone.get(j) >>> 1;
                long old = members.getOrDefault(key, -1);
                if (old >= 0 && (old & 1) == 1 && !stays.contains(key)) {
                    long p = old >>> 1;
                    removed.add(new DirectoryChange.MemberRemoved(classroom, p >>> 4, ROLES.get((int) (p >>> 1) & 7),
                            (p & 1) == 1, new RecordOrigin(RosterFile.ENROLLMENTS, (int) gone.get(j + 1))));
                }
            }
        }
        long[] withoutRemovals = ascendingValues(members);
        for (DirectoryChange.MemberRemoved m : removed) {
            members.remove(pack(m.personId(), ROLES.indexOf(m.role()), false) >>> 1);
            managedRemoved++;
            run.defer(m);
        }
        after.put(classroom, removed.isEmpty() ? withoutRemovals : ascendingValues(members));
        if (!removed.isEmpty()) {
            afterWithoutRemovals.put(classroom, withoutRemovals);
        }
    }

    private static long[] ascendingValues(LongLongHashMap members) {
        long[] values = members.values().toArray();
        Arrays.sort(values);
        return values;
    }

    /**
     * Members once each by (person, role), the first row winning, as ascending values (packed
     * member {@code << 1 |} managed); from (packed member, managed flag or source line) pairs.
     */
    private static long[] unique(LongArrayList members, boolean secondIsManaged) {
        if (members == null) {
            return new long[0];
        }
        LongLongHashMap byKey = new LongLongHashMap(members.size());
        for (int i = 0; i < members.size(); i += 2) {
            long p = members.get(i);
            long managedFlag = secondIsManaged ? members.get(i + 1) : 1;
            byKey.putIfAbsent(p >>> 1, p << 1 | managedFlag);
        }
        return ascendingValues(byKey);
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
