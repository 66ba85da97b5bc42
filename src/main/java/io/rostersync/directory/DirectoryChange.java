package io.rostersync.directory;

import io.rostersync.oneroster.RecordOrigin;
import java.util.List;
import java.util.Map;

/**
 * The directory's input vocabulary: the sync's planners produce these and the directory, the only
 * writer of its tables, applies them. Each is what a run does to one record, with the source row
 * that caused it (null for archives: the record is absent from the source), so that every change in
 * a report can be explained. Updates carry before and after, so a run can be undone.
 */
public sealed interface DirectoryChange {

    EntityKind kind();

    /** A new directory record, and the source id it is linked to. */
    record Create(EntityKind kind, String sourcedId, Map<String, String> fields, RecordOrigin origin)
            implements DirectoryChange {
        public Create {
            fields = Map.copyOf(fields);
        }
    }

    /** Fields of a linked record that the source changed (and no admin owns). */
    record Update(EntityKind kind, long localId, List<FieldChange> fields, RecordOrigin origin) implements DirectoryChange {
        public Update {
            fields = List.copyOf(fields);
        }
    }

    /** An existing record, matched by a district rule, that gets linked to its source record. */
    record Link(EntityKind kind, long localId, String sourcedId, String rule, RecordOrigin origin) implements DirectoryChange {
    }

    /** A sync-managed record that left the feed, kept until the grace period ends; it is restored if it comes back. */
    record MarkPendingRemoval(EntityKind kind, long localId, java.time.Instant dueAt) implements DirectoryChange {
    }

    /** A sync-managed record that left the feed. */
    record Archive(EntityKind kind, long localId, String why) implements DirectoryChange {
    }

    /**
     * A person enrolled in a classroom, or an enrollment whose primary flag changed (applied as an
     * upsert); both are named by their source ids, as either may be new in this run.
     */
    record MemberAdded(String classSourcedId, String userSourcedId, String role, boolean primary,
            RecordOrigin origin) implements DirectoryChange {
        @Override
        public EntityKind kind() {
            return EntityKind.ENROLLMENTS;
        }
    }

    /** A sync-managed enrollment that left the feed. */
    record MemberRemoved(long classroomId, long personId, String role) implements DirectoryChange {
        @Override
        public EntityKind kind() {
            return EntityKind.ENROLLMENTS;
        }
    }

    /** A guardian linked to a student (or the relationship changed: an upsert), by their source ids. */
    record GuardianLinkAdded(String guardianSourcedId, String studentSourcedId, String relationship,
            RecordOrigin origin) implements DirectoryChange {
        @Override
        public EntityKind kind() {
            return EntityKind.GUARDIANS;
        }
    }

    /** A sync-managed guardian link the feed no longer has. */
    record GuardianLinkRemoved(long guardianId, long studentId) implements DirectoryChange {
        @Override
        public EntityKind kind() {
            return EntityKind.GUARDIANS;
        }
    }

    /** An archived (or pending-removal) sync-managed record that is back in the feed. */
    record Restore(EntityKind kind, long localId, RecordOrigin origin) implements DirectoryChange {
    }
}
