package io.rostersync.accounts;

import io.rostersync.storage.SecretBox;
import java.net.URI;
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
 * A district's identity providers for its people and admins (OpenID Connect): Clever, ClassLink or its
 * own. Each names the claim that carries a person's id in the roster (and an admin's linked value,
 * {@link AdminSignIns}), and, for a provider shared by many districts, the claim that names the
 * tenant; the secret is sealed and never shown.
 */
public final class SingleSignOn {

    /**
     * The providers a district can use, with the claim each carries the roster's id in by default, and the
     * claim that names the tenant of a provider shared by many districts.
     */
    public enum Kind {
        /** Clever: its user id is {@code sub}, unique across Clever, and Clever's ids are the roster's. */
        CLEVER("https://clever.com", "sub", "district"),
        /** ClassLink: the OneRoster sourcedId is {@code SourcedId}, unique only within a tenant. */
        CLASSLINK("https://launchpad.classlink.com", "SourcedId", "TenantId"),
        /** The district's own provider (Google, Microsoft): the claim the district names. */
        OIDC(null, "sub", null);

        public final String defaultIssuer;
        public final String defaultClaim;
        public final String defaultTenantClaim;

        Kind(String defaultIssuer, String defaultClaim, String defaultTenantClaim) {
            this.defaultIssuer = defaultIssuer;
            this.defaultClaim = defaultClaim;
            this.defaultTenantClaim = defaultTenantClaim;
        }
    }

    /**
     * Whether the issuer signs in many organizations' people whose ids repeat between them: ClassLink's
     * (SourcedIds are each district's own) and Google's common issuer. Clever's ids are unique across
     * Clever, and a Microsoft tenant has an issuer of its own.
     */
    static boolean sharedIssuer(Kind kind, URI issuer) {
        return kind == Kind.CLASSLINK || "accounts.google.com".equalsIgnoreCase(issuer.getHost());
    }

    /** A provider as saved, without its secret. */
    public record Provider(long districtId, Kind kind, URI issuer, String clientId, String identityClaim,
            boolean enabled, java.time.Instant updatedAt, String tenantClaim, String tenantValue) {

        /** The name Spring Security knows it by: {@code d<district>-<kind>}. */
        public String registrationId() {
            return "d" + districtId + "-" + kind.name().toLowerCase(Locale.ROOT);
        }
    }

    private final DataSource dataSource;
    private final SecretBox secrets;
    private final boolean allowPrivateHosts;

    public SingleSignOn(DataSource dataSource, SecretBox secrets) {
        this(dataSource, secrets, false);
    }

    /**
     * @param allowPrivateHosts whether an issuer may be on a private or local address (the operator's
     *                          {@code rostersync.poll.allow-private-hosts}): the service fetches its discovery
     */
    public SingleSignOn(DataSource dataSource, SecretBox secrets, boolean allowPrivateHosts) {
        this.dataSource = dataSource;
        this.secrets = secrets;
        this.allowPrivateHosts = allowPrivateHosts;
    }

    /** Whether an issuer may be on a private or local address (the operator's choice). */
    public boolean allowsPrivateHosts() {
        return allowPrivateHosts;
    }

    /** Saves a provider; {@code secret} null keeps the saved one, which is only sent to the issuer it was given for. */
    public Provider save(long districtId, Kind kind, String issuer, String clientId, String secret,
            String identityClaim, boolean enabled) throws SQLException {
        return save(districtId, kind, issuer, clientId, secret, identityClaim, enabled, null, null);
    }

    /**
     * @param tenantClaim the claim a shared provider names the tenant in (ClassLink TenantId, Google hd,
     *                    Microsoft tid), with this district's {@code tenantValue}; both null: not checked
     */
    public Provider save(long districtId, Kind kind, String issuer, String clientId, String secret,
            String identityClaim, boolean enabled, String tenantClaim, String tenantValue) throws SQLException {
        String value = tenantValue == null || tenantValue.isBlank() ? null : tenantValue.trim();
        String claim = tenantClaim == null || tenantClaim.isBlank()
                ? (value == null ? null : kind.defaultTenantClaim) : tenantClaim.trim();
        if ((claim == null) != (value == null)) {
            throw new IllegalArgumentException("A tenant check needs both the claim and this district's value.");
        }
        String chosenIssuer = issuer == null || issuer.isBlank() ? kind.defaultIssuer : issuer.trim();
        URI parsed;
        try {
            parsed = chosenIssuer == null ? null : URI.create(chosenIssuer);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        String host = parsed == null ? null : parsed.getHost();
        boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host);
        if (parsed == null || !"https".equals(parsed.getScheme()) && !("http".equals(parsed.getScheme()) && loopback)) {
            throw new IllegalArgumentException("The issuer must be an https:// address.");
        }
        String refusal = host == null ? "The issuer is not an address." : allowPrivateHosts ? null
                : io.rostersync.storage.PublicHosts.refusal(host);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        if (enabled && claim == null && sharedIssuer(kind, parsed)) {
            // one issuer signs in every organization's people, whose ids repeat from one to the next
            throw new IllegalArgumentException("This provider signs in every district's (or organization's) people"
                    + " through one issuer, and their ids repeat from one to the next: give the claim that names the"
                    + " tenant (" + (kind == Kind.CLASSLINK ? "TenantId" : "hd for Google") + ") and this district's"
                    + " value in it.");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("The client id is missing.");
        }
        Optional<Provider> before = find(districtId, kind);
        if (before.isPresent() && secret == null && !before.get().issuer().toString().equals(chosenIssuer)) {
            throw new IllegalArgumentException("Another issuer needs its client secret given again.");
        }
        String chosenClaim = identityClaim == null || identityClaim.isBlank() ? kind.defaultClaim : identityClaim.trim();
        if (before.isEmpty() && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("The client secret is missing.");
        }
        String sealed = secret == null ? null : secrets.seal(secret, context(districtId, kind));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO district_sso (district_id, provider, issuer, client_id, client_secret_sealed, identity_claim,
                    enabled, tenant_claim, tenant_value)
                VALUES (?, ?, ?, ?, coalesce(?, ''), ?, ?, ?, ?)
                ON CONFLICT (district_id, provider) DO UPDATE SET issuer = excluded.issuer,
                    tenant_claim = excluded.tenant_claim, tenant_value = excluded.tenant_value,
                    client_id = excluded.client_id,
                    client_secret_sealed = coalesce(?, district_sso.client_secret_sealed),
                    identity_claim = excluded.identity_claim, enabled = excluded.enabled, updated_at = now()""")) {
            s.setLong(1, districtId);
            s.setString(2, kind.name().toLowerCase(Locale.ROOT));
            s.setString(3, chosenIssuer);
            s.setString(4, clientId.trim());
            s.setString(5, sealed);
            s.setString(6, chosenClaim);
            s.setBoolean(7, enabled);
            s.setString(8, claim);
            s.setString(9, value);
            s.setString(10, sealed);
            s.executeUpdate();
            if (before.isPresent() && (!before.get().issuer().toString().equals(chosenIssuer)
                    || !before.get().identityClaim().equals(chosenClaim))) {
                // the values admins were linked by were another provider's, or another claim's: no longer theirs
                try (PreparedStatement unlink = c.prepareStatement(
                        "DELETE FROM admin_sign_in WHERE district_id = ? AND provider = ?")) {
                    unlink.setLong(1, districtId);
                    unlink.setString(2, kind.name().toLowerCase(Locale.ROOT));
                    unlink.executeUpdate();
                }
            }
        }
        return find(districtId, kind).orElseThrow();
    }

    public Optional<Provider> find(long districtId, Kind kind) throws SQLException {
        return query("WHERE district_id = ? AND provider = ?", districtId, kind.name().toLowerCase(Locale.ROOT))
                .stream().findFirst();
    }

    /** Every provider of the district, on or off. */
    public List<Provider> all(long districtId) throws SQLException {
        return query("WHERE district_id = ? ORDER BY provider", districtId, null);
    }

    /** The district's providers that are on. */
    public List<Provider> enabled(long districtId) throws SQLException {
        return query("WHERE district_id = ? AND enabled ORDER BY provider", districtId, null);
    }

    /** The client secret, opened, for the sign-in's code exchange. */
    public String secret(Provider provider) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT client_secret_sealed FROM district_sso WHERE district_id = ? AND provider = ?")) {
            s.setLong(1, provider.districtId());
            s.setString(2, provider.kind().name().toLowerCase(Locale.ROOT));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return secrets.open(rs.getString(1), context(provider.districtId(), provider.kind()));
            }
        }
    }

    private List<Provider> query(String where, long districtId, String kind) throws SQLException {
        List<Provider> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT district_id, provider, issuer, client_id, identity_claim, enabled, updated_at, tenant_claim,"
                        + " tenant_value FROM district_sso " + where)) {
            s.setLong(1, districtId);
            if (kind != null) {
                s.setString(2, kind);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Provider(rs.getLong(1), Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                            URI.create(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                            rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9)));
                }
            }
        }
        return found;
    }

    private static String context(long districtId, Kind kind) {
        return "district_sso/" + districtId + "/" + kind.name().toLowerCase(Locale.ROOT);
    }
}
