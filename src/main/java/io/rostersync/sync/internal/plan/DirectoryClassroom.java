package io.rostersync.sync.internal.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A classroom as the directory has it. */
public record DirectoryClassroom(long id, long schoolId, Map<String, String> fields, String managedBy,
        DirectorySchool.State state, Instant removalDueAt, Set<String> editedFields) {

    public DirectoryClassroom {
        fields = Map.copyOf(fields);
        editedFields = Set.copyOf(editedFields);
    }

    boolean managed() {
        return managedBy != null;
    }
}
