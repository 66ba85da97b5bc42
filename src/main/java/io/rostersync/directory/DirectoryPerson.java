package io.rostersync.directory;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A person as the directory has them, with what decides whether the sync may change them. Fields
 * are by directory column (given_name, email, student_number, ...; {@code roles} lists
 * role@school, e.g. {@code teacher@12,parent@district}); a missing key is "none". {@code kind} is
 * what the person counts as (students, staff or guardians), null for a person without a role.
 */
public record DirectoryPerson(long id, EntityKind kind, Map<String, String> fields, String managedBy, RecordState state,
        Instant removalDueAt, Set<String> editedFields, boolean signedIn) {

    public DirectoryPerson {
        fields = Map.copyOf(fields);
        editedFields = Set.copyOf(editedFields);
    }

    public boolean managed() {
        return managedBy != null;
    }
}
