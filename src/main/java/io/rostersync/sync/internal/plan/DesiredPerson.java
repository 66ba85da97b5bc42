package io.rostersync.sync.internal.plan;

import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.settings.EntityKind;
import java.util.Map;

/**
 * A person as the source wants them in the directory: which kind they count as (students, staff or
 * guardians), their fields by directory column name (given_name, email, student_number, roles, ...;
 * a missing key is "none"), and the row they came from.
 */
public record DesiredPerson(String sourcedId, EntityKind kind, Map<String, String> fields, RecordOrigin origin) {

    public DesiredPerson {
        fields = Map.copyOf(fields);
    }
}
