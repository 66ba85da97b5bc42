package io.rostersync.oneroster;

import java.time.Instant;
import java.util.List;

/** A class (section) of a school; named so because {@code Class} is taken. */
public record RosterClass(String sourcedId, RecordStatus status, Instant dateLastModified, String title,
        List<String> grades, String courseSourcedId, String classCode, String classType, String location,
        String schoolSourcedId, List<String> termSourcedIds, List<String> subjects, List<String> subjectCodes,
        List<String> periods, RecordOrigin origin) {
}
