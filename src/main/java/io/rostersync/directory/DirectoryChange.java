package io.rostersync.directory;

import io.rostersync.oneroster.RecordOrigin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directory's input vocabulary: the sync's planners produce these and the directory, the only
 * writer of its tables, applies them. Each is what a run does to one record, with the source row
 * that caused it (none for archives: the record is absent from the source), so that every change in
 * a report can be explained; and each carries what it replaces, so that a run can be undone.
 * Records are named by their local ids: the engine reserves the ids of the records it creates, so a
 * classroom created in a run can get its members in the same run.
 */
public sealed interface DirectoryChange {

    EntityKind kind();

    /** A new directory record, and the source ids linked to it (a person may be several source rows). */
    record Create(EntityKind kind, long localId, String sourcedId, List<String> alsoSourcedIds,
            Map<String, String> fields, RecordOrigin origin) implements DirectoryChange {
        public Create {
            alsoSourcedIds = List.copyOf(alsoSourcedIds);
            fields = Map.copyOf(fields);
        }

        public Create(EntityKind kind, long localId, String sourcedId, Map<String, String> fields, RecordOrigin origin) {
            this(kind, localId, sourcedId, List.of(), fields, origin);
        }
    }

    /** Fields of a record that the source changed (and no admin owns), each with before and after. */
    record Update(EntityKind kind, long localId, String sourcedId, List<FieldChange> fields, RecordOrigin origin)
            implements DirectoryChange {
        public Update {
            fields = List.copyOf(fields);
        }
    }

    /**
     * An existing record, matched by a district rule, that gets linked to its source record; from
     * then on the sync manages it, except the fields in {@code handOwned}: filled by hand with other
     * values than the source's, they stay the admin's (as fields edited by hand).
     */
    record Link(EntityKind kind, long localId, String sourcedId, String rule, Set<String> handOwned,
            RecordOrigin origin) implements DirectoryChange {
        public Link {
            handOwned = Set.copyOf(handOwned);
        }
    }

    /** A link removed: the undo of a {@link Link}. */
    record Unlink(EntityKind kind, long localId, String sourcedId) implements DirectoryChange {
    }

    /** A record a run created, removed again with its links, roles and memberships: the undo of a {@link Create}. */
    record Remove(EntityKind kind, long localId) implements DirectoryChange {
    }

    /** A sync-managed record that left the feed, kept until the grace period ends; restored if it comes back. */
    record MarkPendingRemoval(EntityKind kind, long localId, Instant dueAt) implements DirectoryChange {
    }

    /** A sync-managed record that left the feed; {@code before} is its state until now. */
    record Archive(EntityKind kind, long localId, RecordState before, Instant dueBefore, String why)
            implements DirectoryChange {
    }

    /** An archived (or pending-removal) sync-managed record that is back in the feed. */
    record Restore(EntityKind kind, long localId, RecordState before, Instant dueBefore, RecordOrigin origin)
            implements DirectoryChange {
    }

    /** A record put back into the state it had: the undo of an archive, a pending removal or a restore. */
    record ResetState(EntityKind kind, long localId, RecordState state, Instant dueAt) implements DirectoryChange {
    }

    /**
     * A person enrolled in a classroom, or an enrollment whose primary flag changed (then
     * {@code primaryBefore} is the old flag; null for a new membership).
     */
    record MemberAdded(long classroomId, long personId, String role, boolean primary, Boolean primaryBefore,
            RecordOrigin origin) implements DirectoryChange {
        @Override
        public EntityKind kind() {
            return EntityKind.ENROLLMENTS;
        }
    }

    /** A sync-managed enrollment that left the feed. */
    record MemberRemoved(long classroomId, long personId, String role, boolean primary, RecordOrigin origin)
            implements DirectoryChange {
        @Override
        public EntityKind kind() {
            return EntityKind.ENROLLMENTS;
        }
    }

    /** A guardian linked to a student, or the relationship changed (then {@code relationshipBefore} is the old one). */
    record GuardianLinkAdded(long guardianId, long studentId, String relationship, String relationshipBefore,
            RecordOrigin origin) implements DirectoryChange {
        @Override
        public EntityKind kind() {
            return EntityKind.GUARDIANS;
        }
    }

    /** A sync-managed guardian link the feed no longer has. */
    record GuardianLinkRemoved(long guardianId, long studentId, String relationship) implements DirectoryChange {
        @Override
        public EntityKind kind() {
            return EntityKind.GUARDIANS;
        }
    }
}
