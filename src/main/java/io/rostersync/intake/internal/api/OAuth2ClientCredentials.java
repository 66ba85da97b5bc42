package io.rostersync.intake.internal.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2 client credentials (RFC 6749 §4.4), as OneRoster 1.2 asks: the client id and secret by HTTP
 * Basic at the provider's token endpoint, with the scope (for rostering without demographics,
 * {@code https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly}); the token is kept until
 * a minute before it expires, or until the API says 401.
 */
public final class OAuth2ClientCredentials implements Authorizer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI tokenUri;
    private final String clientId;
    private final String secret;
    private final String scope;
    private final Clock clock;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final boolean allowPrivateHosts;
    private String token;
    private Instant expires = Instant.MIN;

    public OAuth2ClientCredentials(URI tokenUri, String clientId, String secret, String scope, Clock clock) {
        this(tokenUri, clientId, secret, scope, clock, false);
    }

    /** @param allowPrivateHosts whether the token endpoint may be on a private or local address (tests) */
    public OAuth2ClientCredentials(URI tokenUri, String clientId, String secret, String scope, Clock clock,
            boolean allowPrivateHosts) {
        this.allowPrivateHosts = allowPrivateHosts;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.secret = secret;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public void authorize(HttpRequest.Builder request, URI uri) {
        if (token == null || !clock.instant().isBefore(expires)) {
            fetch();
        }
        request.header("Authorization", "Bearer " + token);
    }

    @Override
    public boolean renew() {
        token = null;
        return true;
    }

    private void fetch() {
        PublicHosts.check(tokenUri, allowPrivateHosts, "the token endpoint");
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(secret))
                .getBytes(StandardCharsets.UTF_8));
        String body = "grant_type=client_credentials" + (scope == null || scope.isBlank() ? "" : "&scope=" + form(scope));
        HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiFailure(0, "The token endpoint " + tokenUri + " did not answer (" + e.getClass().getSimpleName()
                    + ").", "Check the token address, and that the server is up.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure(0, "The pull was stopped while it asked for a token.", "Nothing was changed.");
        }
        if (response.statusCode() / 100 != 2) {
            String said = ApiHttp.description(response.body());
            throw new ApiFailure(response.statusCode(), "The token endpoint refused the client credentials (HTTP "
                    + response.statusCode() + ")" + (said == null ? "." : ": " + said),
                    "Check the client id, the secret and the scope the provider gave.");
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            JsonNode access = json.path("access_token");
            if (!access.isString() || access.stringValue().isBlank()) {
                throw new ApiFailure(response.statusCode(), "The token endpoint's answer has no access_token.",
                        "Check the token address: it should be the provider's OAuth 2 token endpoint.");
            }
            token = access.stringValue();
            long seconds = json.path("expires_in").asLong(3600);
            expires = clock.instant().plusSeconds(Math.max(0, seconds - 60));
        } catch (JacksonException e) {
            throw new ApiFailure(response.statusCode(), "The token endpoint's answer is not JSON.",
                    "Check the token address: it should be the provider's OAuth 2 token endpoint.");
        }
    }

    /** application/x-www-form-urlencoded, which RFC 6749 §2.3.1 asks of the id and secret in Basic too. */
    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
