package io.rostersync.sync.internal.plan;

import io.rostersync.oneroster.RecordOrigin;
import java.util.Map;

/** A class as the source wants it as a classroom: its school's School ID and its fields (title, code, grades, periods, terms). */
public record DesiredClassroom(String sourcedId, String schoolOrgSourcedId, Map<String, String> fields,
        RecordOrigin origin) {

    public DesiredClassroom {
        fields = Map.copyOf(fields);
    }
}
