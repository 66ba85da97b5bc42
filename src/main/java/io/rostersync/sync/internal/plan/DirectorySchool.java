package io.rostersync.sync.internal.plan;

import java.util.Set;

/** A school as the directory has it. */
public record DirectorySchool(long id, String name, Set<String> schoolIds, String managedBy, State state,
        Set<String> editedFields) {

    public enum State { ACTIVE, PENDING_REMOVAL, ARCHIVED }

    public DirectorySchool {
        schoolIds = Set.copyOf(schoolIds);
        editedFields = Set.copyOf(editedFields);
    }

    boolean managed() {
        return managedBy != null;
    }
}
