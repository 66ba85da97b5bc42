package io.rostersync.web;

import io.rostersync.accounts.AdminRole;
import io.rostersync.accounts.AuditEvent.ActorKind;
import java.util.Set;

/**
 * Who makes a request: an admin (district-wide, or limited to {@code schools}) or a district's API
 * token (district-wide). Every check of a request is against this, never against ids it carries.
 */
record Caller(long districtId, String district, String name, ActorKind kind, AdminRole role, Set<Long> schools) {

    Caller {
        schools = Set.copyOf(schools);
    }

    boolean districtWide() {
        return role == AdminRole.DISTRICT_ADMIN;
    }

    boolean reaches(long school) {
        return districtWide() || schools.contains(school);
    }
}
