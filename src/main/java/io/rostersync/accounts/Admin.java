package io.rostersync.accounts;

import java.util.Set;

/** An admin account: its district, its role and, for a school admin, the schools it may reach. */
public record Admin(long districtId, long id, String username, AdminRole role, Set<Long> schools, boolean disabled) {

    public Admin {
        schools = Set.copyOf(schools);
    }
}
