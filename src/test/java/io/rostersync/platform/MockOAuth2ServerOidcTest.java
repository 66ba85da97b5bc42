package io.rostersync.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Proves mock-oauth2-server 6.x works under Boot 4 without the Jackson/Kotlin overrides Boot 3.5 needed, and that
 * Spring Security 7 completes an OIDC authorization-code login against it, browser-less:
 * discovery ({@link ClientRegistrations#fromIssuerLocation}), an authorization request with state, nonce and PKCE,
 * the code from the authorize endpoint's redirect, and then the same provider that {@code oauth2Login()} uses
 * ({@link OidcAuthorizationCodeAuthenticationProvider}: code exchange, ID-token signature/issuer/audience/nonce
 * validation, UserInfo). The access token is then validated as a resource server would, with
 * {@link JwtDecoders#fromIssuerLocation} and {@link JwtAuthenticationProvider}. No Spring context is started.
 */
class MockOAuth2ServerOidcTest {

    private static final String ISSUER_ID = "district";
    private static final String REDIRECT_URI = "http://127.0.0.1:8080/login/oauth2/code/district";

    private MockOAuth2Server oauth;

    @BeforeEach
    void start() throws Exception {
        oauth = new MockOAuth2Server();
        oauth.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        oauth.shutdown();
    }

    @Test
    void springSecurityCompletesAnOidcCodeLoginAndValidatesTheAccessToken() throws Exception {
        String issuer = oauth.issuerUrl(ISSUER_ID).toString();
        oauth.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", JOSEObjectType.JWT.getType(),
                List.of("rostersync-api"), Map.of("email", "alice@springfield.example", "role", "district-admin"),
                3600));

        // 1. Discovery, as Boot's spring.security.oauth2.client.provider.*.issuer-uri does it.
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(issuer)
                .registrationId(ISSUER_ID)
                .clientId("rostersync")
                .clientSecret("not-checked-by-the-mock")
                .redirectUri(REDIRECT_URI)
                .scope("openid", "email")
                .build();
        assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
        assertThat(registration.getProviderDetails().getJwkSetUri()).startsWith(issuer);

        // 2. The authorization request oauth2Login() would redirect the browser to (state, nonce, PKCE).
        String nonce = UUID.randomUUID().toString();
        String nonceHash = sha256(nonce);
        OAuth2AuthorizationRequest.Builder builder = OAuth2AuthorizationRequest.authorizationCode();
        builder.authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId())
                .redirectUri(REDIRECT_URI)
                .scopes(registration.getScopes())
                .state(UUID.randomUUID().toString())
                .attributes(a -> {
                    a.put(OAuth2ParameterNames.REGISTRATION_ID, ISSUER_ID);
                    a.put(OidcParameterNames.NONCE, nonce);
                })
                .additionalParameters(p -> p.put(OidcParameterNames.NONCE, nonceHash));
        OAuth2AuthorizationRequestCustomizers.withPkce().accept(builder);
        OAuth2AuthorizationRequest authorizationRequest = builder.build();

        // 3. The "browser": the mock logs the user in without a form and redirects back with code and state.
        HttpResponse<Void> redirect = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(authorizationRequest.getAuthorizationRequestUri())).build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT_URI);
        MultiValueMap<String, String> callback = UriComponentsBuilder.fromUriString(location).build().getQueryParams();
        OAuth2AuthorizationResponse authorizationResponse = OAuth2AuthorizationResponse
                .success(callback.getFirst(OAuth2ParameterNames.CODE))
                .state(callback.getFirst(OAuth2ParameterNames.STATE))
                .redirectUri(REDIRECT_URI)
                .build();

        // 4. What OAuth2LoginAuthenticationFilter hands to the provider on the callback.
        OidcAuthorizationCodeAuthenticationProvider login = new OidcAuthorizationCodeAuthenticationProvider(
                new RestClientAuthorizationCodeTokenResponseClient(), new OidcUserService());
        OAuth2LoginAuthenticationToken result = (OAuth2LoginAuthenticationToken) login.authenticate(
                new OAuth2LoginAuthenticationToken(registration,
                        new OAuth2AuthorizationExchange(authorizationRequest, authorizationResponse)));

        assertThat(result.isAuthenticated()).isTrue();
        OidcUser user = (OidcUser) result.getPrincipal();
        assertThat(user.getSubject()).isEqualTo("alice");
        assertThat(user.getIssuer().toString()).isEqualTo(issuer);
        assertThat(user.getIdToken().getAudience()).contains("rostersync");
        assertThat(user.getIdToken().getNonce()).isEqualTo(nonceHash);
        assertThat(user.getUserInfo()).as("UserInfo was fetched (scope email)").isNotNull();
        assertThat(user.getEmail()).isEqualTo("alice@springfield.example");
        // The mock's token response carries no "scope", so Spring Security 7 adds no SCOPE_* authorities here.
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).contains("OIDC_USER");

        // 5. The access token, validated as a resource server: issuer discovery + JWKS signature + iss/exp checks.
        String accessToken = result.getAccessToken().getTokenValue();
        JwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
        Jwt jwt = decoder.decode(accessToken);
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getIssuer().toString()).isEqualTo(issuer);
        assertThat(jwt.getAudience()).containsExactly("rostersync-api");
        assertThat(jwt.getClaimAsString("role")).isEqualTo("district-admin");

        Authentication bearer = new JwtAuthenticationProvider(decoder)
                .authenticate(new BearerTokenAuthenticationToken(accessToken));
        assertThat(bearer.isAuthenticated()).isTrue();
        assertThat(bearer.getName()).isEqualTo("alice");
    }

    private static String sha256(String value) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
