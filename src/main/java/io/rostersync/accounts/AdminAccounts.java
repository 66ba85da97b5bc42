package io.rostersync.accounts;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Local admin accounts: a district admin reaches the whole district; a school admin only the
 * schools listed for it. Passwords are kept as Argon2id hashes and checked in the same time whether
 * or not the username exists.
 */
public final class AdminAccounts {

    /** Usernames: lower-case, an email address or a short name. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,127}");
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Checked against when no account has the name, so that a wrong name takes as long as a wrong password. */
    private static final String DECOY_HASH = Passwords.hash(Passwords.newPassword());

    private final DataSource dataSource;

    public AdminAccounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A username or password that cannot be used, said so that an admin can fix it. */
    public static final class InvalidAccountException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        public InvalidAccountException(String message) {
            super(message);
        }
    }

    public Admin create(long districtId, String username, String password, AdminRole role, Collection<Long> schools)
            throws SQLException {
        String name = checkedUsername(username);
        checkPassword(password);
        if (role == AdminRole.SCHOOL_ADMIN && schools.isEmpty()) {
            throw new InvalidAccountException("A school admin needs at least one school.");
        }
        if (role == AdminRole.DISTRICT_ADMIN && !schools.isEmpty()) {
            throw new InvalidAccountException("A district admin reaches every school; list no schools for it.");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (exists(c, name)) {
                    throw new InvalidAccountException("The username '" + name + "' is taken.");
                }
                long id;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO admin_account (district_id, username, role,"
                        + " password_hash) VALUES (?, ?, ?, ?) RETURNING id")) {
                    s.setLong(1, districtId);
                    s.setString(2, name);
                    s.setString(3, role.column());
                    s.setString(4, Passwords.hash(password));
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                for (long school : schools) {
                    if (!schoolOfDistrict(c, districtId, school)) {
                        throw new InvalidAccountException("The district has no school " + school + ".");
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO admin_school (district_id, admin_id, school_id) VALUES (?, ?, ?)")) {
                        s.setLong(1, districtId);
                        s.setLong(2, id);
                        s.setLong(3, school);
                        s.executeUpdate();
                    }
                }
                c.commit();
                return new Admin(districtId, id, name, role, new HashSet<>(schools), false);
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    throw new InvalidAccountException("The username '" + name + "' is taken.");
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The account of this username and password, if it is one and not disabled. */
    public Optional<Admin> signIn(String username, String password) throws SQLException {
        String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        Optional<Stored> stored = find(name);
        boolean matches = Passwords.matches(password, stored.map(Stored::passwordHash).orElse(DECOY_HASH));
        return matches && stored.isPresent() && !stored.get().admin().disabled()
                ? Optional.of(stored.get().admin()) : Optional.empty();
    }

    public Optional<Admin> find(long districtId, long id) throws SQLException {
        return query("WHERE a.district_id = ? AND a.id = ?", districtId, id).stream().findFirst().map(Stored::admin);
    }

    public List<Admin> list(long districtId) throws SQLException {
        return query("WHERE a.district_id = ? ORDER BY a.id", districtId).stream().map(Stored::admin).toList();
    }

    /**
     * What a signed-in session holds of its account: a stamp that changes when the account's password,
     * role, schools or state change, so that a session signed in before (a password reset, the account
     * disabled) is no longer taken; empty when the account is gone or disabled.
     */
    public Optional<String> sessionStamp(long districtId, String username) throws SQLException {
        return query("WHERE a.district_id = ? AND a.username = ?", districtId, username).stream().findFirst()
                .filter(stored -> !stored.admin().disabled())
                .map(stored -> stamp(stored.passwordHash() + "\0" + stored.admin().role() + "\0"
                        + new java.util.TreeSet<>(stored.admin().schools())));
    }

    private static String stamp(String what) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(what.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether any admin account exists (a new installation has none). */
    public boolean any() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM admin_account)"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public void setPassword(long districtId, long id, String password) throws SQLException {
        checkPassword(password);
        update("UPDATE admin_account SET password_hash = ?, updated_at = now() WHERE district_id = ? AND id = ?",
                Passwords.hash(password), districtId, id);
    }

    public void setDisabled(long districtId, long id, boolean disabled) throws SQLException {
        update("UPDATE admin_account SET disabled = ?, updated_at = now() WHERE district_id = ? AND id = ?",
                disabled, districtId, id);
    }

    private record Stored(Admin admin, String passwordHash) {
    }

    private Optional<Stored> find(String username) throws SQLException {
        return query("WHERE a.username = ?", username).stream().findFirst();
    }

    private List<Stored> query(String where, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT a.district_id, a.id, a.username, a.role, a.password_hash, a.disabled,"
                        + " array(SELECT school_id FROM admin_school x WHERE x.district_id = a.district_id"
                        + " AND x.admin_id = a.id ORDER BY school_id) FROM admin_account a " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Stored> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Set<Long> schools = new HashSet<>();
                    Array array = rs.getArray(7);
                    for (Long school : (Long[]) array.getArray()) {
                        schools.add(school);
                    }
                    found.add(new Stored(new Admin(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            AdminRole.ofColumn(rs.getString(4)), schools, rs.getBoolean(6)), rs.getString(5)));
                }
            }
            return found;
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            if (s.executeUpdate() != 1) {
                throw new InvalidAccountException("No such admin account.");
            }
        }
    }

    private static boolean exists(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM admin_account WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean schoolOfDistrict(Connection c, long districtId, long school) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM school WHERE district_id = ? AND id = ?")) {
            s.setLong(1, districtId);
            s.setLong(2, school);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String checkedUsername(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidAccountException("A username is letters, digits and . _ @ + - (at most 128), starting"
                    + " with a letter or digit: '" + username + "'.");
        }
        return name;
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidAccountException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }
}
