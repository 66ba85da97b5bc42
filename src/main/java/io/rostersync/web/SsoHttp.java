package io.rostersync.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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
 * goes through one HTTP client that never follows a redirect: an endpoint checked to be a public address
 * cannot send the service on to an inside one ({@code 169.254.169.254}, the database's host).
 */
final class SsoHttp implements JwtDecoderFactory<ClientRegistration> {

    /** A discovery document is a few kilobytes; anything past this is not one. */
    private static final int MAX_DISCOVERY_BYTES = 256 * 1024;
    private static final JsonMapper JSON = new JsonMapper();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final JdkClientHttpRequestFactory requests;
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

    SsoHttp() {
        requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(Duration.ofSeconds(20));
    }

    /**
     * The provider's endpoints, from its OpenID discovery document, which must name the same issuer
     * (OpenID Connect Discovery 1.0, section 4.3).
     */
    ClientRegistration.Builder discover(URI issuer) {
        String base = issuer.toString().endsWith("/") ? issuer.toString().substring(0, issuer.toString().length() - 1)
                : issuer.toString();
        URI location = URI.create(base + "/.well-known/openid-configuration");
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(20))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DiscoveryFailedException("The provider's discovery could not be reached at " + location + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryFailedException("Interrupted while reading the provider's discovery.");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DiscoveryFailedException("The provider's discovery at " + location + " answered "
                        + response.statusCode() + (response.statusCode() / 100 == 3 ? " (a redirect, not followed)" : "")
                        + ".");
            }
            byte[] bytes = body.readNBytes(MAX_DISCOVERY_BYTES + 1);
            if (bytes.length > MAX_DISCOVERY_BYTES) {
                throw new DiscoveryFailedException("The provider's discovery at " + location + " is too large.");
            }
            Map<String, Object> configuration = JSON.readValue(bytes, new TypeReference<Map<String, Object>>() { });
            Object named = configuration.get("issuer");
            if (named == null || !stripSlash(named.toString()).equals(base)) {
                throw new DiscoveryFailedException("The provider's discovery names another issuer (" + named
                        + ") than " + issuer + ".");
            }
            return ClientRegistrations.fromOidcConfiguration(configuration);
        } catch (IOException | tools.jackson.core.JacksonException | IllegalArgumentException e) {
            throw new DiscoveryFailedException("The provider's discovery at " + location + " could not be read: "
                    + e.getMessage());
        }
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The code exchange, through the client that does not follow redirects. */
    OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokens() {
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(RestClient.builder().requestFactory(requests)
                .configureMessageConverters(c -> c.addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        return client;
    }

    /** The user-info call, through the client that does not follow redirects. */
    DefaultOAuth2UserService userInfo() {
        RestTemplate template = new RestTemplate(requests);
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
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                .restOperations(new RestTemplate(requests)).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new OidcIdTokenValidator(registration)));
        decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
        decoders.put(registration.getRegistrationId(), new Decoder(registration, decoder));
        return decoder;
    }
}
