package io.rostersync.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Admins who sign in to the console through the district's identity provider: each account is linked,
 * per provider, to the value the provider's identity claim carries for that admin. A sign-in is the
 * account whose link has exactly that value; there is no match by name or email address otherwise.
 */
public final class AdminSignIns {

    /** One account's link: the value the provider sends for it. */
    public record Link(long adminId, String username, SingleSignOn.Kind provider, String identity) {
    }

    private final DataSource dataSource;
    private final AdminAccounts accounts;

    public AdminSignIns(DataSource dataSource) {
        this.dataSource = dataSource;
        this.accounts = new AdminAccounts(dataSource);
    }

    /** Links the account to this value of the provider's identity claim, in place of the one it had. */
    public Link link(long districtId, long adminId, SingleSignOn.Kind provider, String identity) throws SQLException {
        String value = identity == null ? "" : identity.trim();
        if (value.isEmpty() || value.length() > 256) {
            throw new AdminAccounts.InvalidAccountException("Give the value the provider sends for this admin"
                    + " (1 to 256 characters).");
        }
        Admin admin = accounts.find(districtId, adminId).orElseThrow(() ->
                new AdminAccounts.InvalidAccountException("No such admin account."));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT 1 FROM admin_sign_in WHERE district_id = ? AND provider = ? AND lower(identity) = lower(?)
                  AND admin_id <> ?""")) {
            // an email address is one whatever its case: two accounts may not share it in two cases
            s.setLong(1, districtId);
            s.setString(2, column(provider));
            s.setString(3, value);
            s.setLong(4, adminId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    throw new AdminAccounts.InvalidAccountException("Another admin account signs in as '" + value
                            + "' through this provider.");
                }
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO admin_sign_in (district_id, provider, identity, admin_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (district_id, admin_id, provider) DO UPDATE SET identity = excluded.identity,
                    created_at = now()""")) {
            s.setLong(1, districtId);
            s.setString(2, column(provider));
            s.setString(3, value);
            s.setLong(4, adminId);
            s.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new AdminAccounts.InvalidAccountException("Another admin account signs in as '" + value
                        + "' through this provider.");
            }
            throw e;
        }
        return new Link(adminId, admin.username(), provider, value);
    }

    /** Removes the account's link to the provider; whether it had one. */
    public boolean unlink(long districtId, long adminId, SingleSignOn.Kind provider) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM admin_sign_in WHERE district_id = ? AND admin_id = ? AND provider = ?")) {
            s.setLong(1, districtId);
            s.setLong(2, adminId);
            s.setString(3, column(provider));
            return s.executeUpdate() == 1;
        }
    }

    /** Every link of the district, by username. */
    public List<Link> all(long districtId) throws SQLException {
        List<Link> links = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT l.admin_id, a.username, l.provider, l.identity FROM admin_sign_in l
                JOIN admin_account a ON a.district_id = l.district_id AND a.id = l.admin_id
                WHERE l.district_id = ? ORDER BY a.username, l.provider""")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    links.add(new Link(rs.getLong(1), rs.getString(2),
                            SingleSignOn.Kind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getString(4)));
                }
            }
        }
        return links;
    }

    /** The account a sign-in through this provider is, when one is linked to the value and is not disabled. */
    public Optional<Admin> signIn(long districtId, SingleSignOn.Kind provider, String identity) throws SQLException {
        return signIn(districtId, provider, identity, false);
    }

    /**
     * @param anyCase whether the value is an email address, which is the same whatever its case
     *                (the provider's {@code Jane.Doe@} is the link's {@code jane.doe@})
     */
    public Optional<Admin> signIn(long districtId, SingleSignOn.Kind provider, String identity, boolean anyCase)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT admin_id FROM admin_sign_in WHERE district_id = ? AND provider = ? AND "
                        + (anyCase ? "lower(identity) = lower(?)" : "identity = ?") + " ORDER BY admin_id LIMIT 1")) {
            s.setLong(1, districtId);
            s.setString(2, column(provider));
            s.setString(3, identity);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return accounts.find(districtId, rs.getLong(1)).filter(admin -> !admin.disabled());
            }
        }
    }

    /**
     * Whether the account of this username is still linked to the value (in any case, as a sign-in by
     * email matches it) and not disabled: a session that came by the link holds while it is.
     */
    public boolean stillLinked(long districtId, String username, SingleSignOn.Kind provider, String identity)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM admin_sign_in l
                  JOIN admin_account a ON a.district_id = l.district_id AND a.id = l.admin_id
                  WHERE l.district_id = ? AND l.provider = ? AND lower(l.identity) = lower(?) AND a.username = ?
                    AND NOT a.disabled)""")) {
            s.setLong(1, districtId);
            s.setString(2, column(provider));
            s.setString(3, identity);
            s.setString(4, username);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String column(SingleSignOn.Kind provider) {
        return provider.name().toLowerCase(Locale.ROOT);
    }
}
