package io.rostersync.sync.internal.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A person as the directory has them, with what decides whether the sync may change them. */
public record DirectoryPerson(long id, Map<String, String> fields, String managedBy, DirectorySchool.State state,
        Instant removalDueAt, Set<String> editedFields, boolean signedIn) {

    public DirectoryPerson {
        fields = Map.copyOf(fields);
        editedFields = Set.copyOf(editedFields);
    }

    boolean managed() {
        return managedBy != null;
    }
}
