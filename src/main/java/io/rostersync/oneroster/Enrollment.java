package io.rostersync.oneroster;

import java.time.Instant;
import java.time.LocalDate;

/** A user's place in a class; {@code primary} is null when the file leaves it blank. */
public record Enrollment(String sourcedId, RecordStatus status, Instant dateLastModified, String classSourcedId,
        String schoolSourcedId, String userSourcedId, String role, Boolean primary, LocalDate beginDate,
        LocalDate endDate, RecordOrigin origin) {
}
