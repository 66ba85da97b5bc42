package io.rostersync.intake.internal.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
    private final org.apache.hc.client5.http.impl.classic.CloseableHttpClient client;
    private String token;
    private Instant expires = Instant.MIN;

    public OAuth2ClientCredentials(URI tokenUri, String clientId, String secret, String scope, Clock clock) {
        this(tokenUri, clientId, secret, scope, clock, false);
    }

    /** @param allowPrivateHosts whether the token endpoint may be on a private or local address (tests) */
    public OAuth2ClientCredentials(URI tokenUri, String clientId, String secret, String scope, Clock clock,
            boolean allowPrivateHosts) {
        this.client = ApiHttp.client(() -> allowPrivateHosts);
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.secret = secret;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public String authorization(URI uri) {
        if (token == null || !clock.instant().isBefore(expires)) {
            fetch();
        }
        return "Bearer " + token;
    }

    @Override
    public void close() {
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }

    @Override
    public boolean renew() {
        token = null;
        return true;
    }

    private void fetch() {
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(secret))
                .getBytes(StandardCharsets.UTF_8));
        String body = "grant_type=client_credentials" + (scope == null || scope.isBlank() ? "" : "&scope=" + form(scope));
        org.apache.hc.client5.http.classic.methods.HttpPost request =
                new org.apache.hc.client5.http.classic.methods.HttpPost(tokenUri);
        request.setHeader("Authorization", "Basic " + basic);
        request.setHeader("Accept", "application/json");
        request.setEntity(new org.apache.hc.core5.http.io.entity.StringEntity(body,
                org.apache.hc.core5.http.ContentType.create("application/x-www-form-urlencoded")));
        ApiHttp.Reply response;
        try {
            response = client.execute(request, answer -> ApiHttp.Reply.of(answer, request));
        } catch (io.rostersync.storage.CheckedDns.PrivateHostException e) {
            throw new ApiFailure(0, e.getMessage() + " (the token endpoint)", "Give the provider's public token"
                    + " address; an operator can allow private addresses with --rostersync.poll.allow-private-hosts=true.");
        } catch (java.net.UnknownHostException e) {
            throw new ApiFailure(0, "The host " + tokenUri.getHost() + " cannot be found (the token endpoint).",
                    "Check the token address; nothing was changed.");
        } catch (java.util.concurrent.CancellationException e) {
            throw new ApiFailure(0, "The pull was stopped while it asked for a token.", "Nothing was changed.");
        } catch (IOException e) {
            throw new ApiFailure(0, "The token endpoint " + tokenUri + " did not answer (" + e.getClass().getSimpleName()
                    + ").", "Check the token address, and that the server is up.");
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
