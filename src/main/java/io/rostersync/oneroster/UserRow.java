package io.rostersync.oneroster;

import java.util.List;

/**
 * A users.csv row with the roles its own columns give: in 1.0 and 1.1 one primary role per org of
 * its orgSourcedIds (those {@link RosterSnapshot#roles()} gives for the row); none in 1.2, whose
 * roles are rows of roles.csv ({@link RosterSnapshot#roleRows()}).
 */
public record UserRow(User user, List<UserRole> roles) {

    public UserRow {
        roles = List.copyOf(roles);
    }
}
