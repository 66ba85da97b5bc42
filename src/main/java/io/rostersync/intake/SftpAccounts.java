package io.rostersync.intake;

import io.rostersync.accounts.Passwords;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * The SFTP account of each district in the folder we host: a user name, a password kept only as an
 * Argon2id hash, and any number of public keys.
 */
public final class SftpAccounts {

    private final DataSource dataSource;

    public SftpAccounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An account as a login sees it: the district, and the password's hash (null when it has none). */
    public record Account(long districtId, String username, String passwordHash) {
    }

    /** Creates the district's account, or renames it and sets its password. */
    public void save(long districtId, String username, String password) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO sftp_account (district_id, username, password_hash) VALUES (?, ?, ?)
                ON CONFLICT (district_id) DO UPDATE SET username = excluded.username,
                    password_hash = excluded.password_hash, updated_at = now()""")) {
            s.setLong(1, districtId);
            s.setString(2, username);
            s.setString(3, password == null ? null : Passwords.hash(password));
            s.executeUpdate();
        }
    }

    /** The district's account's username, if it has one. */
    public Optional<String> username(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT username FROM sftp_account WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether the district has an account. */
    public boolean exists(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM sftp_account WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Adds a public key, given as a line of an OpenSSH authorized_keys file.
     *
     * @return the key's SHA-256 fingerprint
     * @throws IllegalArgumentException when the line is not a public key
     */
    public String addPublicKey(long districtId, String authorizedKeysLine) throws SQLException {
        PublicKey key = parse(authorizedKeysLine);
        String fingerprint = KeyUtils.getFingerPrint(key);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO sftp_public_key (district_id, fingerprint, public_key) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            s.setLong(1, districtId);
            s.setString(2, fingerprint);
            s.setString(3, authorizedKeysLine.trim());
            s.executeUpdate();
        }
        return fingerprint;
    }

    public Optional<Account> find(String username) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT district_id, username, password_hash FROM sftp_account WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Account(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    public List<PublicKey> publicKeys(long districtId) throws SQLException {
        List<PublicKey> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT public_key FROM sftp_public_key WHERE district_id = ? ORDER BY added_at")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(parse(rs.getString(1)));
                }
            }
        }
        return keys;
    }

    private static PublicKey parse(String line) {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.trim());
            if (entry == null) {
                throw new IllegalArgumentException("not an OpenSSH public key line");
            }
            return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("not an OpenSSH public key line: " + e.getMessage(), e);
        }
    }
}
