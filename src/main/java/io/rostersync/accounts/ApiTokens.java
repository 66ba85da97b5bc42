package io.rostersync.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Per-district tokens for the REST API. A token is {@code rs_} and 256 random bits; only its SHA-256
 * is stored (a random token needs no slow hash: nothing about it can be guessed), so a stolen database
 * holds no usable token. Each acts for its district as a district admin.
 */
public final class ApiTokens {

    static final String PREFIX = "rs_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    public ApiTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A new token with the one copy of its secret: show it and forget it. */
    public record Issued(ApiToken token, String secret) {
    }

    public Issued issue(long districtId, String name, String createdBy) throws SQLException {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new AdminAccounts.InvalidAccountException("A token needs a name of 1 to 100 characters"
                    + " (what uses it, e.g. 'SIS nightly upload').");
        }
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        String shown = secret.substring(0, PREFIX.length() + 6);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO api_token (district_id, name, token_sha256, shown_prefix, created_by) VALUES (?, ?, ?, ?, ?)"
                        + " RETURNING id, created_at")) {
            s.setLong(1, districtId);
            s.setString(2, label);
            s.setString(3, sha256(secret));
            s.setString(4, shown);
            s.setString(5, createdBy);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Issued(new ApiToken(districtId, rs.getLong(1), label, shown, createdBy,
                        rs.getTimestamp(2).toInstant(), null, null), secret);
            }
        }
    }

    /** The live token of this secret, noting that it was used; empty for anything else. */
    public Optional<ApiToken> authenticate(String secret) throws SQLException {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE api_token SET last_used_at = now() WHERE token_sha256 = ? AND revoked_at IS NULL RETURNING "
                        + COLUMNS)) {
            s.setString(1, sha256(secret));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(token(rs)) : Optional.empty();
            }
        }
    }

    public List<ApiToken> list(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM api_token WHERE district_id = ? ORDER BY id")) {
            s.setLong(1, districtId);
            List<ApiToken> tokens = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tokens.add(token(rs));
                }
            }
            return tokens;
        }
    }

    /** Revokes the district's token; false when the district has no such live token. */
    public boolean revoke(long districtId, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE api_token SET revoked_at = now() WHERE district_id = ? AND id = ? AND revoked_at IS NULL")) {
            s.setLong(1, districtId);
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        }
    }

    private static final String COLUMNS =
            "district_id, id, name, shown_prefix, created_by, created_at, last_used_at, revoked_at";

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
