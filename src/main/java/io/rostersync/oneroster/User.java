package io.rostersync.oneroster;

import java.time.Instant;
import java.util.List;

/**
 * A person. Roles are not here: they come from {@link RosterSnapshot#roles()}, which reads
 * roles.csv in 1.2 and the role and orgSourcedIds columns of users.csv in 1.0 and 1.1. Passwords
 * are never read.
 */
public record User(String sourcedId, RecordStatus status, Instant dateLastModified, boolean enabledUser,
        String username, List<UserId> userIds, String givenName, String familyName, String middleName,
        String preferredGivenName, String preferredMiddleName, String preferredFamilyName, String identifier,
        String email, String sms, String phone, List<String> agentSourcedIds, List<String> grades,
        String userMasterIdentifier, String primaryOrgSourcedId, String pronouns, RecordOrigin origin) {
}
