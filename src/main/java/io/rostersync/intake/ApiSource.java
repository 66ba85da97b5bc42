package io.rostersync.intake;

import io.rostersync.oneroster.OneRosterVersion;
import java.net.URI;

/**
 * A district's roster API: a OneRoster REST provider's root ({@code .../ims/oneroster/v1p1} or
 * {@code .../ims/oneroster/rostering/v1p2}), how requests prove who asks, and the credentials. The
 * secret is held only while a pull runs: stored, it is sealed; it is never printed.
 *
 * @param tokenUri the OAuth 2 token endpoint (null unless {@link Auth#OAUTH2_CLIENT_CREDENTIALS})
 * @param scope    the OAuth 2 scope, e.g. {@code https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly}
 */
public record ApiSource(URI base, OneRosterVersion version, Auth auth, String clientId, String secret, URI tokenUri,
        String scope, Provider provider, java.util.Set<String> contactTypes, java.util.Set<String> contactRelationships) {

    /** What serves the roster. */
    public enum Provider {
        /** A OneRoster REST API (1.1 or 1.2). */
        ONEROSTER,
        /** Clever's Data API v3.0, with a district-app token (read as OneRoster 1.1). */
        CLEVER
    }

    /** A OneRoster REST API. */
    public ApiSource(URI base, OneRosterVersion version, Auth auth, String clientId, String secret, URI tokenUri,
            String scope) {
        this(base, version, auth, clientId, secret, tokenUri, scope, Provider.ONEROSTER, java.util.Set.of(),
                java.util.Set.of());
    }

    /** How requests prove who asks. */
    public enum Auth {
        /** One-legged OAuth 1.0a, HMAC-SHA256: ClassLink's Roster Server. */
        OAUTH1_HMAC_SHA256,
        /** OAuth 2 client credentials: OneRoster 1.2 providers. */
        OAUTH2_CLIENT_CREDENTIALS,
        /** A token that does not expire: ClassLink's OAuth2 proxy. */
        BEARER
    }

    public ApiSource {
        if (base == null || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
            throw new IllegalArgumentException("the API's address must be an https:// address");
        }
        if (auth == Auth.OAUTH2_CLIENT_CREDENTIALS && tokenUri == null) {
            throw new IllegalArgumentException("OAuth 2 client credentials need the provider's token address");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the API's secret (or token) is missing");
        }
        if (provider == Provider.CLEVER && auth != Auth.BEARER) {
            throw new IllegalArgumentException("Clever is read with its district-app token");
        }
        contactTypes = contactTypes == null ? java.util.Set.of() : java.util.Set.copyOf(contactTypes);
        contactRelationships = contactRelationships == null ? java.util.Set.of()
                : java.util.Set.copyOf(contactRelationships);
    }

    @Override
    public String toString() {
        return "ApiSource[" + provider + " " + base + ", OneRoster " + version + ", " + auth + ", client " + clientId
                + "]";
    }
}
