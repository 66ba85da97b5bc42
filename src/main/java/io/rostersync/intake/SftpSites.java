package io.rostersync.intake;

import io.rostersync.storage.SecretBox;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The districts' own SFTP sites: where they are, how we log in (the password or private key sealed
 * by {@link SecretBox}, bound to the district), the host key pinned on the first connection, and
 * when each is next polled.
 */
public final class SftpSites {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+\\]|[0-9A-Fa-f:]+");
    private static final String COLUMNS = "district_id, host, port, username, folder, password_sealed IS NOT NULL,"
            + " private_key_sealed IS NOT NULL, host_key, host_key_pinned_at, write_results, enabled, polled_at,"
            + " poll_error, next_poll_at";

    private final DataSource dataSource;
    private final SecretBox secrets;

    public SftpSites(DataSource dataSource, SecretBox secrets) {
        this.dataSource = dataSource;
        this.secrets = secrets;
    }

    /** Settings that cannot be used, with what to do about it. */
    public static final class InvalidSiteException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        InvalidSiteException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    /** How to log in to a site: its opened secrets. */
    record Credentials(String password, KeyPair key) {

        @Override
        public String toString() {
            return "Credentials[password=" + (password == null ? "none" : "(hidden)") + ", key="
                    + (key == null ? "none" : "(hidden)") + "]";
        }
    }

    public Optional<SftpSite> find(long districtId) throws SQLException {
        return query("WHERE district_id = ?", districtId).stream().findFirst();
    }

    /**
     * Saves the district's site. A new host or port forgets the pinned host key (it is another
     * server); the next connection pins the new one.
     */
    public SftpSite save(long districtId, SftpSiteSettings settings) throws SQLException {
        String host = settings.host() == null ? "" : settings.host().trim();
        if (!HOST.matcher(host).matches()) {
            throw new InvalidSiteException("'" + host + "' is not a host name or address.",
                    "Give the server's name (sftp.district.org) or address, without sftp:// or a port.");
        }
        if (settings.port() < 1 || settings.port() > 65535) {
            throw new InvalidSiteException("Port " + settings.port() + " is not a port.", "SFTP servers listen on 22"
                    + " unless the district says otherwise.");
        }
        String username = settings.username() == null ? "" : settings.username().trim();
        if (username.isEmpty() || username.length() > 255 || username.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSiteException("The user name is missing or not usable.", "Give the account the district"
                    + " made for us on its server.");
        }
        String folder = settings.folder() == null || settings.folder().isBlank() ? "." : settings.folder().trim();
        if (folder.chars().anyMatch(Character::isISOControl) || folder.length() > 1024) {
            throw new InvalidSiteException("The folder is not a usable path.", "Give the folder the files are"
                    + " dropped in, such as /rostering or . for the account's home.");
        }
        if (settings.privateKey() != null && !settings.privateKey().isEmpty()) {
            privateKey(settings.privateKey(), settings.passphrase()); // refuses a key that cannot be read, now
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<SftpSite> before = find(c, districtId);
                boolean newSecret = settings.password() != null || settings.privateKey() != null;
                if (before.isPresent() && !newSecret && (!before.get().host().equals(host)
                        || before.get().port() != settings.port() || !before.get().username().equals(username))) {
                    // a saved password is only ever sent to the server and user it was given for
                    throw new InvalidSiteException("Another server or user needs its password or key given again.",
                            "Send the password or private key with the new host, port or user name.");
                }
                if (before.isPresent() && settings.passphrase() != null && settings.privateKey() == null) {
                    String savedKey = sealedKey(c, districtId);
                    if (savedKey != null) {
                        privateKey(savedKey, settings.passphrase()); // the new passphrase must open the saved key
                    }
                }
                String sql = before.isEmpty() ? """
                        INSERT INTO sftp_site (host, port, username, folder, password_sealed, private_key_sealed,
                            passphrase_sealed, write_results, enabled, district_id, next_poll_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '-infinity')""" : """
                        UPDATE sftp_site SET host = ?, port = ?, username = ?, folder = ?,
                            password_sealed = CASE WHEN ? THEN ? ELSE password_sealed END,
                            private_key_sealed = CASE WHEN ? THEN ? ELSE private_key_sealed END,
                            passphrase_sealed = CASE WHEN ? THEN ? ELSE passphrase_sealed END,
                            write_results = ?, enabled = ?,
                            host_key = CASE WHEN host = ? AND port = ? THEN host_key END,
                            host_key_pinned_at = CASE WHEN host = ? AND port = ? THEN host_key_pinned_at END,
                            next_poll_at = '-infinity', poll_error = NULL, updated_at = now()
                        WHERE district_id = ?""";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    int i = 0;
                    s.setString(++i, host);
                    s.setInt(++i, settings.port());
                    s.setString(++i, username);
                    s.setString(++i, folder);
                    boolean update = before.isPresent();
                    // on an update, a secret not given (null) keeps the one saved
                    for (String[] secret : new String[][] {{settings.password(), "password"},
                            {settings.privateKey(), "private_key"}, {settings.passphrase(), "passphrase"}}) {
                        if (update) {
                            s.setBoolean(++i, secret[0] != null
                                    || (secret[1].equals("passphrase") && settings.privateKey() != null));
                        }
                        s.setString(++i, sealed(secret[0], districtId, secret[1]));
                    }
                    s.setBoolean(++i, settings.writeResults());
                    s.setBoolean(++i, settings.enabled());
                    if (update) {
                        for (int twice = 0; twice < 2; twice++) {
                            s.setString(++i, host);
                            s.setInt(++i, settings.port());
                        }
                    }
                    s.setLong(++i, districtId);
                    s.executeUpdate();
                } catch (SQLException e) {
                    if ("23514".equals(e.getSQLState())) { // the check: neither a password nor a key
                        throw new InvalidSiteException("A password or a private key is needed to log in.",
                                "Give the account's password, or a private key whose public key the district added"
                                        + " to the account.");
                    }
                    throw e;
                }
                if (before.isPresent()) {
                    // the same files on another server, or in another folder, are new to us
                    SftpSite old = before.get();
                    if (!old.host().equals(host) || old.port() != settings.port() || !old.folder().equals(folder)) {
                        try (PreparedStatement s = c.prepareStatement("DELETE FROM sftp_site_file WHERE district_id = ?")) {
                            s.setLong(1, districtId);
                            s.executeUpdate();
                        }
                    }
                }
                SftpSite saved = find(c, districtId).orElseThrow();
                c.commit();
                return saved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public boolean delete(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM sftp_site WHERE district_id = ?")) {
            s.setLong(1, districtId);
            return s.executeUpdate() > 0;
        }
    }

    /** Forgets the pinned host key: the district changed its server's key, and said so. */
    public boolean forgetHostKey(long districtId) throws SQLException {
        return update("UPDATE sftp_site SET host_key = NULL, host_key_pinned_at = NULL, updated_at = now()"
                + " WHERE district_id = ?", districtId);
    }

    /** Polls the site at the next pass rather than at its time. */
    public boolean pollNow(long districtId) throws SQLException {
        return update("UPDATE sftp_site SET next_poll_at = '-infinity' WHERE district_id = ?", districtId);
    }

    Credentials credentials(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT"
                + " password_sealed, private_key_sealed, passphrase_sealed FROM sftp_site WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("district " + districtId + " has no SFTP site");
                }
                String password = open(rs.getString(1), districtId, "password");
                String key = open(rs.getString(2), districtId, "private_key");
                String passphrase = open(rs.getString(3), districtId, "passphrase");
                return new Credentials(password, key == null ? null : privateKey(key, passphrase));
            }
        }
    }

    /** Pins the key the server showed, if none is pinned yet; whether it did. */
    boolean pin(long districtId, PublicKey key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE sftp_site"
                + " SET host_key = ?, host_key_pinned_at = now() WHERE district_id = ? AND host_key IS NULL")) {
            s.setString(1, PublicKeyEntry.toString(key));
            s.setLong(2, districtId);
            return s.executeUpdate() > 0;
        }
    }

    /**
     * A site taken for one poll: a PostgreSQL advisory lock held by its own connection until closed, so
     * that no other node polls the site meanwhile, however long the download; a node that dies lets go.
     */
    final class Claim implements AutoCloseable {
        private final Connection connection;
        private final SftpSite site;

        private Claim(Connection connection, SftpSite site) {
            this.connection = connection;
            this.site = site;
        }

        SftpSite site() {
            return site;
        }

        @Override
        public void close() throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(" + LOCK_KEY + ")")) {
                s.setLong(1, site.districtId());
                s.execute();
            } finally {
                connection.close();
            }
        }
    }

    private static final String LOCK_KEY = "hashtextextended('sftp_site/' || ?, 0)";

    /**
     * Takes the site due the longest among those due and not {@code passed} (tried already in this
     * pass), unless another node polls it now; empty when none is left.
     */
    Optional<Claim> claimDue(Instant now, java.util.Set<Long> passed) throws SQLException {
        List<Long> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT district_id"
                + " FROM sftp_site WHERE enabled AND next_poll_at <= ? ORDER BY next_poll_at")) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getLong(1));
                }
            }
        }
        for (long district : due) {
            if (!passed.add(district)) {
                continue;
            }
            Connection c = dataSource.getConnection();
            boolean locked = false;
            try {
                try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                    s.setLong(1, district);
                    try (ResultSet rs = s.executeQuery()) {
                        locked = rs.next() && rs.getBoolean(1);
                    }
                }
                if (locked) {
                    // still due: a node that polled it just before has moved its time on
                    Optional<SftpSite> site = query(c, "WHERE district_id = ? AND enabled AND next_poll_at <= ?",
                            district, Timestamp.from(now)).stream().findFirst();
                    if (site.isPresent()) {
                        return Optional.of(new Claim(c, site.get()));
                    }
                    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(" + LOCK_KEY + ")")) {
                        s.setLong(1, district);
                        s.execute();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            c.close();
        }
        return Optional.empty();
    }

    /** Notes how the poll went (error null: it worked) and when the site is next due. */
    void polled(long districtId, String error, Instant next) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE sftp_site"
                + " SET polled_at = now(), poll_error = ?, next_poll_at = ? WHERE district_id = ?")) {
            s.setString(1, error);
            s.setTimestamp(2, Timestamp.from(next));
            s.setLong(3, districtId);
            s.executeUpdate();
        }
    }

    /** The public key the pinned line names. */
    static PublicKey publicKey(String line) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the pinned host key cannot be read: " + e.getMessage(), e);
        }
    }

    static KeyPair privateKey(String text, String passphrase) {
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("private key"),
                    new ByteArrayInputStream(text.trim().concat("\n").getBytes(StandardCharsets.UTF_8)),
                    passphrase == null || passphrase.isEmpty() ? FilePasswordProvider.EMPTY
                            : FilePasswordProvider.of(passphrase));
            if (pairs != null) {
                for (KeyPair pair : pairs) {
                    return pair;
                }
            }
        } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException e) {
            throw new InvalidSiteException("The private key cannot be read: " + e.getMessage(),
                    "Paste the whole private key (OpenSSH or PEM, from -----BEGIN to -----END), and its passphrase"
                            + " if it has one.");
        }
        throw new InvalidSiteException("No private key was found in what was given.",
                "Paste the whole private key, from -----BEGIN to -----END.");
    }

    private String sealedKey(Connection c, long districtId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT private_key_sealed FROM sftp_site WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? open(rs.getString(1), districtId, "private_key") : null;
            }
        }
    }

    private String sealed(String secret, long districtId, String field) {
        return secret == null || secret.isEmpty() ? null : secrets.seal(secret, context(districtId, field));
    }

    private String open(String sealed, long districtId, String field) {
        return sealed == null ? null : secrets.open(sealed, context(districtId, field));
    }

    private static String context(long districtId, String field) {
        return "sftp_site/" + districtId + "/" + field;
    }

    private boolean update(String sql, long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, districtId);
            return s.executeUpdate() > 0;
        }
    }

    private List<SftpSite> query(String where, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, where, params);
        }
    }

    private static Optional<SftpSite> find(Connection c, long districtId) throws SQLException {
        return query(c, "WHERE district_id = ?", districtId).stream().findFirst();
    }

    private static List<SftpSite> query(Connection c, String where, Object... params) throws SQLException {
        List<SftpSite> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM sftp_site " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(site(rs));
                }
            }
        }
        return out;
    }

    private static SftpSite site(ResultSet rs) throws SQLException {
        String hostKey = rs.getString(8);
        return new SftpSite(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getBoolean(7), hostKey,
                hostKey == null ? null : KeyUtils.getFingerPrint(publicKey(hostKey)), instant(rs.getTimestamp(9)),
                rs.getBoolean(10), rs.getBoolean(11), instant(rs.getTimestamp(12)), rs.getString(13),
                instant(rs.getTimestamp(14)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
