package io.rostersync.directory;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A classroom as the directory has it; fields by column (title, code, grades, periods, terms, with
 * lists joined by commas, and school_id). {@code sourcedId} is the class it is linked to, or null.
 */
public record DirectoryClassroom(long id, String sourcedId, long schoolId, Map<String, String> fields,
        String managedBy, RecordState state, Instant removalDueAt, Set<String> editedFields) {

    public DirectoryClassroom {
        fields = Map.copyOf(fields);
        editedFields = Set.copyOf(editedFields);
    }

    public boolean managed() {
        return managedBy != null;
    }
}
