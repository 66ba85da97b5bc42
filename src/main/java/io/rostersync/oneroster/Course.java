package io.rostersync.oneroster;

import java.time.Instant;
import java.util.List;

public record Course(String sourcedId, RecordStatus status, Instant dateLastModified, String schoolYearSourcedId,
        String title, String courseCode, List<String> grades, String orgSourcedId, List<String> subjects,
        List<String> subjectCodes, RecordOrigin origin) {
}
