package io.rostersync.sync.internal.plan;

import io.rostersync.directory.DirectoryChange;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.oneroster.User;
import io.rostersync.directory.EntityKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Guardian links from agentSourcedIds, which exports send in either direction or both (student to
 * guardian, guardian to student): one link per pair, between a guardian and a student who both sync,
 * with the guardian's relationship (parent, guardian, relative). The planning is a set difference with
 * the directory's sync-managed links; links an admin made are never removed.
 */
public final class GuardianLinks {

    private GuardianLinks() {
    }

    /** A link the source wants. */
    public record Wanted(String guardianSourcedId, String studentSourcedId, String relationship, RecordOrigin origin) {
    }

    /**
     * A person who syncs, by each of their source ids: whether they are a student, and their
     * relationship when they have a guardian role (a teacher who is also a parent has one).
     */
    public record Synced(boolean student, String relationship) {

        public static Synced of(DesiredPerson person) {
            return new Synced(person.kind() == EntityKind.STUDENTS, relationshipOf(person));
        }

        boolean guardian() {
            return relationship != null;
        }
    }

    /**
     * @param synced the people {@link DesiredPeople} produced, by the hash of each of their source ids
     *               (a merged person under every one of them)
     */
    public static void wanted(RosterSnapshot snapshot, LongObjectHashMap<Synced> synced, Consumer<Wanted> links) {
        LongHashSet seen = new LongHashSet();
        try (Stream<User> users = snapshot.users()) {
            users.forEach(user -> {
                if (user.status() == RecordStatus.TO_BE_DELETED) {
                    return;
                }
                Synced self = synced.get(Ids.hash(user.sourcedId()));
                if (self == null) {
                    return;
                }
                for (String agent : user.agentSourcedIds()) {
                    Synced other = synced.get(Ids.hash(agent));
                    if (other == null) {
                        continue;
                    }
                    String guardian;
                    String student;
                    String relationship;
                    if (self.student() && other.guardian()) {
                        guardian = agent;
                        student = user.sourcedId();
                        relationship = other.relationship();
                    } else if (self.guardian() && other.student()) {
                        guardian = user.sourcedId();
                        student = agent;
                        relationship = self.relationship();
                    } else {
                        continue; // agents between two students, or a student's teacher: not a guardian link
                    }
                    if (seen.add(Ids.hash(guardian + "\u0000" + student))) {
                        links.accept(new Wanted(guardian, student, relationship, user.origin()));
                    }
                }
            });
        }
    }

    /** A link the source wants, between two people of the directory. */
    public record WantedLink(long guardianId, long studentId, String relationship, RecordOrigin origin) {
    }

    /** A link the directory has. */
    public record CurrentLink(long guardianId, long studentId, String relationship, boolean managed) {
    }

    /**
     * The links to add (or whose relationship changed) and the sync-managed links the source no
     * longer has; links an admin made stay.
     *
     * @return how many wanted links the directory already has as they are
     */
    public static long plan(List<WantedLink> wanted, List<CurrentLink> current, Consumer<DirectoryChange> additions,
            Consumer<DirectoryChange> removals) {
        Map<String, CurrentLink> have = new HashMap<>();
        for (CurrentLink c : current) {
            have.put(c.guardianId() + "|" + c.studentId(), c);
        }
        java.util.Set<String> want = new java.util.HashSet<>();
        long unchanged = 0;
        for (WantedLink w : wanted) {
            String key = w.guardianId() + "|" + w.studentId();
            if (!want.add(key)) {
                continue;
            }
            CurrentLink existing = have.get(key);
            if (existing == null || !existing.relationship().equals(w.relationship())) {
                additions.accept(new DirectoryChange.GuardianLinkAdded(w.guardianId(), w.studentId(), w.relationship(),
                        existing == null ? null : existing.relationship(), w.origin()));
            } else {
                unchanged++;
            }
        }
        for (CurrentLink c : current) {
            if (c.managed() && !want.contains(c.guardianId() + "|" + c.studentId())) {
                removals.accept(new DirectoryChange.GuardianLinkRemoved(c.guardianId(), c.studentId(), c.relationship()));
            }
        }
        return unchanged;
    }

    /** The relationship a person's guardian role implies (parent, guardian or relative), or null without one. */
    static String relationshipOf(DesiredPerson person) {
        for (String role : person.fields().getOrDefault("roles", "").split(",")) {
            String name = role.substring(0, role.indexOf('@') < 0 ? role.length() : role.indexOf('@'));
            if (name.equals("parent") || name.equals("guardian") || name.equals("relative")) {
                return name;
            }
        }
        return null;
    }
}
