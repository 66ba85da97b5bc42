package io.rostersync.accounts;

/** What an admin account may reach: the whole district, or only the schools it lists. */
public enum AdminRole {
    DISTRICT_ADMIN("district_admin"),
    SCHOOL_ADMIN("school_admin");

    private final String column;

    AdminRole(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }

    static AdminRole ofColumn(String value) {
        for (AdminRole role : values()) {
            if (role.column.equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown admin role " + value);
    }
}
