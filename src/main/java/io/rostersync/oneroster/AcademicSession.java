package io.rostersync.oneroster;

import java.time.Instant;
import java.time.LocalDate;

/** A school year, semester, term or grading period; {@code endDate} is exclusive. */
public record AcademicSession(String sourcedId, RecordStatus status, Instant dateLastModified, String title,
        String type, LocalDate startDate, LocalDate endDate, String parentSourcedId, String schoolYear,
        RecordOrigin origin) {
}
