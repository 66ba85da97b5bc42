package io.rostersync.oneroster;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A user's role in an org. From roles.csv in 1.2; in 1.0 and 1.1 one primary role per org listed in
 * users.orgSourcedIds, with the users.csv row as origin and {@code sourcedId} null.
 */
public record UserRole(String sourcedId, RecordStatus status, Instant dateLastModified, String userSourcedId,
        String roleType, String role, LocalDate beginDate, LocalDate endDate, String orgSourcedId,
        RecordOrigin origin) {

    public boolean isPrimary() {
        return "primary".equals(roleType);
    }
}
