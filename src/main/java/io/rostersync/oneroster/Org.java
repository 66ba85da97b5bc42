package io.rostersync.oneroster;

import java.time.Instant;

/** An org: a school, the district, or another level. {@code type} is a binding term or an ext: term. */
public record Org(String sourcedId, RecordStatus status, Instant dateLastModified, String name, String type,
        String identifier, String parentSourcedId, RecordOrigin origin) {

    public boolean isSchool() {
        return "school".equals(type);
    }
}
