package io.rostersync.sync.internal.plan;

import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.directory.EntityKind;
import java.util.List;
import java.util.Map;

/**
 * A person as the source wants them in the directory: which kind they count as (students, staff or
 * guardians), their fields by directory column name (given_name, email, student_number, roles, ...;
 * a missing key is "none"), and the row they came from. {@code alsoSourcedIds} are further rows of
 * the same human (OneRoster 1.1 sends a teacher who is also a parent as two rows with one name and
 * email): all of them link to this one person. {@code agents} are the ids the row names in
 * agentSourcedIds (a guardian's students), by which a guardian under a new id is known again.
 */
public record DesiredPerson(String sourcedId, List<String> alsoSourcedIds, EntityKind kind, Map<String, String> fields,
        RecordOrigin origin, List<String> agents) {

    public DesiredPerson {
        alsoSourcedIds = List.copyOf(alsoSourcedIds);
        fields = Map.copyOf(fields);
        agents = List.copyOf(agents);
    }

    public DesiredPerson(String sourcedId, List<String> alsoSourcedIds, EntityKind kind, Map<String, String> fields,
            RecordOrigin origin) {
        this(sourcedId, alsoSourcedIds, kind, fields, origin, List.of());
    }

    public DesiredPerson(String sourcedId, EntityKind kind, Map<String, String> fields, RecordOrigin origin) {
        this(sourcedId, List.of(), kind, fields, origin, List.of());
    }
}
