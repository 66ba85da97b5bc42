package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.oneroster.RecordOrigin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans one classroom's members as a set difference: enrollments the source adds, and sync-managed
 * enrollments it no longer has. A member someone added by hand is never removed by the sync.
 */
public final class MembershipPlanner {

    private MembershipPlanner() {
    }

    /** A member the directory has: the person, their link (null when none), and whether the sync manages it. */
    public record CurrentMember(long personId, String userSourcedId, String role, boolean primary, boolean managed) {
    }

    /** A member the source wants, with the enrollment row it comes from. */
    public record WantedMember(Member member, RecordOrigin origin) {
    }

    public static void plan(String classSourcedId, long classroomId, List<WantedMember> wanted,
            List<CurrentMember> current, List<DirectoryChange> changes) {
        Map<String, CurrentMember> have = new HashMap<>();
        for (CurrentMember m : current) {
            if (m.userSourcedId() != null) {
                have.put(m.userSourcedId() + "|" + m.role(), m);
            }
        }
        Map<String, WantedMember> want = new HashMap<>();
        for (WantedMember w : wanted) {
            want.putIfAbsent(w.member().userSourcedId() + "|" + w.member().role(), w);
        }
        for (WantedMember w : wanted) {
            String key = w.member().userSourcedId() + "|" + w.member().role();
            if (want.get(key) != w) {
                continue; // the same person in the same role twice: one membership
            }
            CurrentMember existing = have.get(key);
            if (existing == null || existing.primary() != w.member().primary()) {
                changes.add(new DirectoryChange.MemberAdded(classSourcedId, w.member().userSourcedId(), w.member().role(),
                        w.member().primary(), w.origin()));
            }
        }
        for (CurrentMember m : current) {
            if (m.managed() && (m.userSourcedId() == null || !want.containsKey(m.userSourcedId() + "|" + m.role()))) {
                changes.add(new DirectoryChange.MemberRemoved(classroomId, m.personId(), m.role()));
            }
        }
    }
}
