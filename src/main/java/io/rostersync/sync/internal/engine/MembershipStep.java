package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongCursor;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Enrollments, the largest file (ten per student): each classroom's wanted and current members are
 * kept as packed longs (person, role, primary) rather than objects, then compared one classroom at a
 * time. Enrollments of a class that does not sync are left out without a row each: the class's own
 * skip explains them.
 */
final class MembershipStep {

    static final List<String> ROLES = List.of("teacher", "student", "administrator", "proctor");

    private MembershipStep() {
    }

    static long pack(long personId, int role, boolean primary) {
        return personId << 4 | (long) role << 1 | (primary ? 1 : 0);
    }

    static void run(RunContext run) throws SQLException {
        FileMode mode = run.mode(RosterFile.ENROLLMENTS);
        LongHashSet inRun = new LongHashSet();
        for (LongCursor c : run.classrooms.values()) {
            inRun.add(c.value);
        }
        // per classroom: pairs of (packed member, source line)
        LongObjectHashMap<LongArrayList> wanted = new LongObjectHashMap<>();
        LongObjectHashMap<LongArrayList> leaving = new LongObjectHashMap<>();
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
        LongObjectHashMap<LongArrayList> current = new LongObjectHashMap<>();
        long[] managed = new long[1];
        run.tx.forEachMember((classroom, person, role, primary, isManaged) -> {
            if (isManaged) {
                managed[0]++;
            }
            if (inRun.contains(classroom)) {
                add(current, classroom, pack(person, ROLES.indexOf(role), primary), isManaged ? 1 : 0);
            }
        });
        run.managed(EntityKind.ENROLLMENTS, managed[0]);
        Consumer<DirectoryChange> removals = mode == FileMode.BULK ? run::defer : change -> { };
        long unchanged = 0;
        for (LongCursor c : inRun) {
            long classroom = c.value;
            List<WantedMember> want = new ArrayList<>();
            LongArrayList w = wanted.get(classroom);
            for (int i = 0; w != null && i < w.size(); i += 2) {
                long p = w.get(i);
                want.add(new WantedMember(p >>> 4, ROLES.get((int) (p >>> 1) & 7), (p & 1) == 1,
                        new RecordOrigin(RosterFile.ENROLLMENTS, (int) w.get(i + 1))));
            }
            List<CurrentMember> have = new ArrayList<>();
            LongArrayList h = current.get(classroom);
            for (int i = 0; h != null && i < h.size(); i += 2) {
                long p = h.get(i);
                have.add(new CurrentMember(p >>> 4, ROLES.get((int) (p >>> 1) & 7), (p & 1) == 1, h.get(i + 1) == 1));
            }
            unchanged += MembershipPlanner.plan(classroom, want, have, run::apply, removals);
        }
        for (LongObjectCursor<LongArrayList> c : leaving) {
            LongArrayList gone = c.value;
            LongArrayList h = current.get(c.key);
            for (int i = 0; h != null && i < h.size(); i += 2) {
                long p = h.get(i);
                for (int j = 0; j < gone.size(); j += 2) {
                    if (gone.get(j) >>> 1 == p >>> 1 && h.get(i + 1) == 1) {
                        run.defer(new DirectoryChange.MemberRemoved(c.key, p >>> 4, ROLES.get((int) (p >>> 1) & 7),
                                (p & 1) == 1, new RecordOrigin(RosterFile.ENROLLMENTS, (int) gone.get(j + 1))));
                    }
                }
            }
        }
        run.counts.unchanged(EntityKind.ENROLLMENTS, unchanged);
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
