package io.rostersync.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call the service makes to a district's identity provider (discovery, token, keys, user info)
 * goes through one HTTP client that never follows a redirect and checks each address as it calls it
 * (https, and a public address unless the operator allows private ones): a provider cannot send the
 * service on to an inside address ({@code 169.254.169.254}, the database's host).
 */
final class SsoHttp implements JwtDecoderFactory<ClientRegistration>, AutoCloseable {

    /** A discovery document is a few kilobytes; anything past this is not one. */
    private static final int MAX_DISCOVERY_BYTES = 256 * 1024;
    private static final Duration DISCOVERY_DEADLINE = Duration.ofSeconds(15);
    private final Duration discoveryDeadline;
    private static final JsonMapper JSON = new JsonMapper();

    /** Ends a discovery that has not answered whole by its deadline. */
    private static final java.util.concurrent.ScheduledExecutorService DEADLINES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sso-discovery-deadlines");
                t.setDaemon(true);
                return t;
            });

    /**
     * Every call to a provider: no redirect followed, and each connection only to the addresses its own
     * lookup checked ({@link io.rostersync.storage.CheckedDns}), so a name pointed elsewhere after the
     * check (DNS rebinding) leads nowhere.
     */
    private final org.apache.hc.client5.http.impl.classic.CloseableHttpClient http;
    private final HttpComponentsClientHttpRequestFactory requests;
    private final boolean allowPrivateHosts;
    /** One decoder per registration, as Spring's own factory keeps: it holds the provider's keys between sign-ins. */
    private final Map<String, Decoder> decoders = new ConcurrentHashMap<>();

    private record Decoder(ClientRegistration registration, JwtDecoder decoder) {
    }

    /** A provider's discovery that could not be read: the district's admin is told why in these words. */
    static final class DiscoveryFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DiscoveryFailedException(String message) {
            super(message);
        }
    }

    /** @param allowPrivateHosts whether a provider may be on a private or local address (the operator's choice) */
    SsoHttp(boolean allowPrivateHosts) {
        this(allowPrivateHosts, DISCOVERY_DEADLINE);
    }

    /** @param discoveryDeadline how long the whole discovery answer may take (tests shorten it) */
    SsoHttp(boolean allowPrivateHosts, Duration discoveryDeadline) {
        this.allowPrivateHosts = allowPrivateHosts;
        this.discoveryDeadline = discoveryDeadline;
        http = io.rostersync.storage.ProviderHttp.client(() -> allowPrivateHosts, Duration.ofSeconds(10),
                Duration.ofSeconds(20));
        requests = new HttpComponentsClientHttpRequestFactory(http) {
            @Override
            protected org.apache.hc.core5.http.ClassicHttpRequest createHttpUriRequest(
                    org.springframework.http.HttpMethod method, URI uri) {
                org.apache.hc.core5.http.ClassicHttpRequest request = super.createHttpUriRequest(method, uri);
                // a whole exchange (a code, the user's claims, the keys) in a bounded time: a provider that drips
                // its answer holds no thread of the sign-in page
                if (request instanceof org.apache.hc.core5.concurrent.Cancellable cancellable) {
                    DEADLINES.schedule(cancellable::cancel, CALL_DEADLINE.toMillis(),
                            java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                return request;
            }
        };
        requests.setReadTimeout(Duration.ofSeconds(20));
    }

    /** How long a call of a sign-in (the code exchange, the user's claims, the keys) may take in all. */
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

    /** Lets go of the connections kept to providers (the context closing). */
    @Override
    public void close() {
        http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }

    /**
     * Refuses a call to a private or local address, or without TLS, unless the operator allows private
     * hosts: checked on every call, not only when the discovery was read, because a name can be pointed
     * elsewhere after that.
     */
    void check(URI uri) {
        if (allowPrivateHosts) {
            return;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new DiscoveryFailedException("The provider's address " + uri + " is not https.");
        }
        String refusal = uri.getHost() == null ? "The provider's address has no host."
                : io.rostersync.storage.PublicHosts.refusal(uri.getHost());
        if (refusal != null) {
            throw new DiscoveryFailedException(refusal);
        }
    }

    private final ClientHttpRequestInterceptor checked = (request, body, execution) -> {
        try {
            check(request.getURI());
        } catch (DiscoveryFailedException e) {
            throw new java.io.IOException(e.getMessage(), e);
        }
        return execution.execute(request, body);
    };

    /**
     * The provider's endpoints, from its OpenID discovery document, which must name the same issuer
     * (OpenID Connect Discovery 1.0, section 4.3).
     */
    ClientRegistration.Builder discover(URI issuer) {
        String base = issuer.toString().endsWith("/") ? issuer.toString().substring(0, issuer.toString().length() - 1)
                : issuer.toString();
        URI location = URI.create(base + "/.well-known/openid-configuration");
        check(location);
        org.apache.hc.client5.http.classic.methods.HttpGet get = new org.apache.hc.client5.http.classic.methods.HttpGet(
                location);
        get.setHeader("Accept", "application/json");
        // the whole answer, body included, in a bounded time: a provider that drips its answer holds no thread
        java.util.concurrent.ScheduledFuture<?> deadline = DEADLINES.schedule(get::cancel, discoveryDeadline.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        Discovered response;
        try {
            response = http.execute(get, answer -> new Discovered(answer.getCode(),
                    io.rostersync.storage.ProviderHttp.body(answer, MAX_DISCOVERY_BYTES, get)));
        } catch (java.io.IOException | IllegalStateException e) {
            throw new DiscoveryFailedException("The provider's discovery could not be read at " + location + ": "
                    + (get.isCancelled() && !(e instanceof io.rostersync.storage.ProviderHttp.TooLargeException)
                            ? "no whole answer within " + discoveryDeadline.toMillis() + " ms"
                            : String.valueOf(e.getMessage())));
        } finally {
            deadline.cancel(false);
        }
        try {
            if (response.statusCode() != 200) {
                throw new DiscoveryFailedException("The provider's discovery at " + location + " answered "
                        + response.statusCode() + (response.statusCode() / 100 == 3 ? " (a redirect, not followed)" : "")
                        + ".");
            }
            Map<String, Object> configuration = JSON.readValue(response.body(),
                    new TypeReference<Map<String, Object>>() { });
            Object named = configuration.get("issuer");
            if (named == null || !stripSlash(named.toString()).equals(base)) {
                throw new DiscoveryFailedException("The provider's discovery names another issuer (" + named
                        + ") than " + issuer + ".");
            }
            return ClientRegistrations.fromOidcConfiguration(configuration);
        } catch (tools.jackson.core.JacksonException | IllegalArgumentException e) {
            throw new DiscoveryFailedException("The provider's discovery at " + location + " could not be read: "
                    + e.getMessage());
        }
    }

    /** A discovery's answer: its status and body. */
    private record Discovered(int statusCode, byte[] body) {
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The code exchange, through the client that does not follow redirects. */
    OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokens() {
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(RestClient.builder().requestFactory(requests).requestInterceptor(checked)
                .configureMessageConverters(c -> c.addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        return client;
    }

    /** The user-info call, through the client that does not follow redirects. */
    DefaultOAuth2UserService userInfo() {
        RestTemplate template = new RestTemplate(requests);
        template.getInterceptors().add(checked);
        template.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        DefaultOAuth2UserService service = new DefaultOAuth2UserService();
        service.setRestOperations(template);
        return service;
    }

    /**
     * The ID token's decoder, as Spring's {@code OidcIdTokenDecoderFactory} makes it (RS256, the OpenID
     * claims checked, the claims typed) except that the provider's keys are fetched without redirects.
     */
    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        Decoder known = decoders.get(registration.getRegistrationId());
        if (known != null && known.registration() == registration) {
            return known.decoder();
        }
        RestTemplate keys = new RestTemplate(requests);
        keys.getInterceptors().add(checked);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                .restOperations(keys).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new OidcIdTokenValidator(registration)));
        decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
        decoders.put(registration.getRegistrationId(), new Decoder(registration, decoder));
        return decoder;
    }
}
