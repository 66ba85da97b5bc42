package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.oneroster.RecordOrigin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plans one classroom's members as a set difference: enrollments the source adds (or whose primary
 * flag changed), and sync-managed enrollments it no longer has. A member someone added by hand is
 * never removed or changed by the sync. Removals go to their own consumer: they are what the guard may hold.
 */
public final class MembershipPlanner {

    private MembershipPlanner() {
    }

    /** A member the directory has, and whether the sync manages the membership. */
    public record CurrentMember(long personId, String role, boolean primary, boolean managed) {
    }

    /** A member the source wants, with the enrollment row it comes from. */
    public record WantedMember(long personId, String role, boolean primary, RecordOrigin origin) {
    }

    /** @return how many wanted members the classroom already has as they are */
    public static long plan(long classroomId, List<WantedMember> wanted, List<CurrentMember> current,
            Consumer<DirectoryChange> additions, Consumer<DirectoryChange> removals) {
        Map<String, CurrentMember> have = new HashMap<>();
        for (CurrentMember m : current) {
            have.put(m.personId() + "|" + m.role(), m);
        }
        Map<String, WantedMember> want = new HashMap<>();
        long unchanged = 0;
        for (WantedMember w : wanted) {
            String key = w.personId() + "|" + w.role();
            if (want.putIfAbsent(key, w) != null) {
                continue; // the same person in the same role twice: one membership
            }
            CurrentMember existing = have.get(key);
            if (existing == null) {
                additions.accept(new DirectoryChange.MemberAdded(classroomId, w.personId(), w.role(), w.primary(), null,
                        w.origin()));
            } else if (existing.managed() && existing.primary() != w.primary()) {
                additions.accept(new DirectoryChange.MemberAdded(classroomId, w.personId(), w.role(), w.primary(),
                        existing.primary(), w.origin()));
            } else {
                unchanged++;
            }
        }
        for (CurrentMember m : current) {
            if (m.managed() && !want.containsKey(m.personId() + "|" + m.role())) {
                removals.accept(new DirectoryChange.MemberRemoved(classroomId, m.personId(), m.role(), m.primary(), null));
            }
        }
        return unchanged;
    }
}
