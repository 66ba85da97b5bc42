package io.rostersync.web;

import io.rostersync.accounts.SingleSignOn;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The districts' identity providers as Spring Security's client registrations, by the name
 * {@code d<district>-<provider>} for its people and {@code d<district>-<provider>-admin} for its admins:
 * read from {@link SingleSignOn}, the provider's endpoints found by OpenID Connect discovery at its issuer
 * ({@link SsoHttp}, no redirects followed), kept until the provider's settings change.
 */
final class SsoRegistrations implements ClientRegistrationRepository {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SsoRegistrations.class);
    private static final String ADMIN_SUFFIX = "-admin";

    private final SingleSignOn sso;
    private final SsoHttp http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(SingleSignOn.Provider provider, ClientRegistration registration) {
    }

    /** A discovery that failed: not tried again for the same settings before {@code until}. */
    private record Failed(SingleSignOn.Provider provider, String why, Instant until) {
    }

    private static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMinutes(1);
    private final Map<String, Failed> failures = new ConcurrentHashMap<>();

    SsoRegistrations(SingleSignOn sso, SsoHttp http) {
        this.sso = sso;
        this.http = http;
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
        if (forAdmins(registrationId)) {
            // the people's registration under another name: one discovery a provider, one redirect address
            ClientRegistration people = findByRegistrationId(provider.get().registrationId());
            if (people == null) {
                return null;
            }
            ClientRegistration admins = ClientRegistration.withClientRegistration(people).registrationId(registrationId)
                    .build();
            cache.put(registrationId, new Cached(provider.get(), admins));
            return admins;
        }
        Failed failed = failures.get(registrationId);
        if (failed != null && failed.provider().equals(provider.get()) && Instant.now().isBefore(failed.until())) {
            // a provider that cannot be read is not asked again at every click (nor by whoever keeps clicking)
            throw new SsoHttp.DiscoveryFailedException(failed.why());
        }
        try {
            ClientRegistration registration = http.discover(provider.get().issuer())
                    .registrationId(registrationId)
                    .clientId(provider.get().clientId())
                    .clientSecret(sso.secret(provider.get()))
                    // the people's own name, not {registrationId}: the admins' copy keeps the one redirect address
                    .redirectUri("{baseUrl}/login/oauth2/code/" + registrationId)
                    .scope("openid", "profile", "email")
                    .build();
            // the discovery document names the endpoints the service then calls: none may be inside (each call
            // is checked again as it is made)
            ClientRegistration.ProviderDetails details = registration.getProviderDetails();
            for (String endpoint : new String[] {details.getTokenUri(), details.getJwkSetUri(),
                details.getUserInfoEndpoint().getUri()}) {
                if (endpoint != null && !endpoint.isBlank()) {
                    http.check(java.net.URI.create(endpoint));
                }
            }
            cache.put(registrationId, new Cached(provider.get(), registration));
            failures.remove(registrationId);
            return registration;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the district's identity provider", e);
        } catch (SsoHttp.DiscoveryFailedException e) {
            LOG.warn("district {}: sign-in through {} is not possible: {}", provider.get().districtId(),
                    provider.get().kind(), e.getMessage());
            failures.put(registrationId, new Failed(provider.get(), e.getMessage(), Instant.now().plus(RETRY_AFTER)));
            throw e;
        }
    }

    /** Whether the registration signs in a district's admin to the console, rather than one of its people. */
    static boolean forAdmins(String registrationId) {
        return registrationId.endsWith(ADMIN_SUFFIX);
    }

    /** The registration by which the provider signs in the district's admins. */
    static String adminRegistrationId(SingleSignOn.Provider provider) {
        return provider.registrationId() + ADMIN_SUFFIX;
    }

    /** The provider a registration id names, when it is one. */
    Optional<SingleSignOn.Provider> provider(String registrationId) {
        if (registrationId == null
                || !registrationId.matches("d\\d{1,18}-(clever|classlink|oidc)(" + ADMIN_SUFFIX + ")?")) {
            return Optional.empty();
        }
        String people = forAdmins(registrationId)
                ? registrationId.substring(0, registrationId.length() - ADMIN_SUFFIX.length()) : registrationId;
        int dash = people.indexOf('-');
        long district = Long.parseLong(people.substring(1, dash));
        SingleSignOn.Kind kind;
        try {
            kind = SingleSignOn.Kind.valueOf(people.substring(dash + 1).toUpperCase(Locale.ROOT));
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
