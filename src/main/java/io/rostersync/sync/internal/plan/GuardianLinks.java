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

    /** The guardian roles, each also the relationship of its links. */
    public static final java.util.List<String> RELATIONSHIPS = java.util.List.of("parent", "guardian", "relative");

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
        Agents agents = new Agents();
        Map<Long, String> ids = new HashMap<>();
        try (Stream<User> users = snapshot.users()) {
            users.forEach(user -> {
                agents.accept(user);
                ids.put(Ids.hash(user.sourcedId()), user.sourcedId());
                user.agentSourcedIds().forEach(a -> ids.put(Ids.hash(a), a));
            });
        }
        agents.wanted(synced, (guardian, student, relationship, line) -> links.accept(new Wanted(ids.get(guardian),
                ids.get(student), relationship, new RecordOrigin(io.rostersync.oneroster.RosterFile.USERS, line))));
    }

    /** A wanted link by the id hashes of its guardian and student. */
    @FunctionalInterface
    public interface WantedByHash {
        void link(long guardianHash, long studentHash, String relationship, int line);
    }

    /**
     * The agent references of users.csv, gathered as its rows pass once (three longs a reference),
     * to be turned into guardian links once it is known who syncs.
     */
    public static final class Agents implements Consumer<User> {

        private final com.carrotsearch.hppc.LongArrayList refs = new com.carrotsearch.hppc.LongArrayList();

        @Override
        public void accept(User user) {
            if (user.status() == RecordStatus.TO_BE_DELETED || user.agentSourcedIds().isEmpty()) {
                return;
            }
            long self = Ids.hash(user.sourcedId());
            for (String agent : user.agentSourcedIds()) {
                refs.add(self, Ids.hash(agent), user.origin().line());
            }
        }

        /** One link per pair, in either direction, between a guardian and a student who both sync. */
        public void wanted(LongObjectHashMap<Synced> synced, WantedByHash links) {
            LongHashSet seen = new LongHashSet();
            for (int i = 0; i < refs.size(); i += 3) {
                long selfHash = refs.get(i);
                long otherHash = refs.get(i + 1);
                Synced self = synced.get(selfHash);
                Synced other = synced.get(otherHash);
                if (self == null || other == null) {
                    continue;
                }
                long guardian;
                long student;
                String relationship;
                if (self.student() && other.guardian()) {
                    guardian = otherHash;
                    student = selfHash;
                    relationship = other.relationship();
                } else if (self.guardian() && other.student()) {
                    guardian = selfHash;
                    student = otherHash;
                    relationship = self.relationship();
                } else {
                    continue; // agents between two students, or a student's teacher: not a guardian link
                }
                if (seen.add(guardian * 31 + student * 0x9E3779B97F4A7C15L)) {
                    links.link(guardian, student, relationship, (int) refs.get(i + 2));
                }
            }
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
            if (existing == null || existing.managed() && !existing.relationship().equals(w.relationship())) {
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
        return relationshipOf(person.fields().getOrDefault("roles", ""));
    }

    /** The relationship a roles field (role@school, comma-joined) implies, or null without a guardian role. */
    public static String relationshipOf(String roles) {
        for (String role : roles.split(",")) {
            String name = role.substring(0, role.indexOf('@') < 0 ? role.length() : role.indexOf('@'));
            for (String relationship : RELATIONSHIPS) {
                if (relationship.equals(name)) {
                    return relationship;
                }
            }
        }
        return null;
    }
}
