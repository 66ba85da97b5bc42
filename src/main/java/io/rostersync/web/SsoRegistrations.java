package io.rostersync.web;

import io.rostersync.accounts.SingleSignOn;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The districts' identity providers as Spring Security's client registrations, by the name
 * {@code d<district>-<provider>}: read from {@link SingleSignOn}, the provider's endpoints found by
 * OpenID Connect discovery at its issuer, kept until the provider's settings change.
 */
final class SsoRegistrations implements ClientRegistrationRepository {

    private final SingleSignOn sso;
    private final boolean allowPrivateHosts;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(SingleSignOn.Provider provider, ClientRegistration registration) {
    }

    SsoRegistrations(SingleSignOn sso, boolean allowPrivateHosts) {
        this.sso = sso;
        this.allowPrivateHosts = allowPrivateHosts;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        Optional<SingleSignOn.Provider> provider = provider(registrationId);
        if (provider.isEmpty() || !provider.get().enabled()) {
            return null;
        }
        Cached cached = cache.get(registrationId);
        // the provider's row as read now, updated_at included: a new secret is a new registration on every node
        if (cached != null && cached.provider().equals(provider.get())) {
            return cached.registration();
        }
        try {
            ClientRegistration registration = ClientRegistrations.fromIssuerLocation(provider.get().issuer().toString())
                    .registrationId(registrationId)
                    .clientId(provider.get().clientId())
                    .clientSecret(sso.secret(provider.get()))
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid", "profile", "email")
                    .build();
            if (!allowPrivateHosts) {
                // the discovery document names the endpoints the service then calls: none may be inside
                ClientRegistration.ProviderDetails details = registration.getProviderDetails();
                for (String endpoint : new String[] {details.getTokenUri(), details.getJwkSetUri(),
                    details.getUserInfoEndpoint().getUri()}) {
                    String host = endpoint == null || endpoint.isBlank() ? null : java.net.URI.create(endpoint).getHost();
                    if (host != null && io.rostersync.storage.PublicHosts.refusal(host) != null) {
                        return null;
                    }
                }
            }
            cache.put(registrationId, new Cached(provider.get(), registration));
            return registration;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the district's identity provider", e);
        }
    }

    /** The provider a registration id names, when it is one. */
    Optional<SingleSignOn.Provider> provider(String registrationId) {
        if (registrationId == null || !registrationId.matches("d\\d{1,18}-[a-z]+")) {
            return Optional.empty();
        }
        int dash = registrationId.indexOf('-');
        long district = Long.parseLong(registrationId.substring(1, dash));
        SingleSignOn.Kind kind;
        try {
            kind = SingleSignOn.Kind.valueOf(registrationId.substring(dash + 1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            return sso.find(district, kind);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the district's identity provider", e);
        }
    }
}
