package io.rostersync.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calls to a district's identity provider: each address checked as it is called, a discovery
 * answer bounded in size and time, and one that names another issuer refused.
 */
class SsoHttpTest {

    private WireMockServer server;
    private String issuer;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        issuer = "http://127.0.0.1:" + server.port() + "/idp";
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static String discovery(String issuer) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    @Test
    void everyAddressIsCheckedAsItIsCalledUnlessPrivateHostsAreAllowed() {
        SsoHttp strict = new SsoHttp(false);
        assertThatThrownBy(() -> strict.check(URI.create("http://idp.example.org/token")))
                .isInstanceOf(SsoHttp.DiscoveryFailedException.class).hasMessageContaining("not https");
        assertThatThrownBy(() -> strict.check(URI.create("https://169.254.169.254/latest")))
                .isInstanceOf(SsoHttp.DiscoveryFailedException.class);
        assertThatThrownBy(() -> strict.check(URI.create("https://127.0.0.1/token")))
                .isInstanceOf(SsoHttp.DiscoveryFailedException.class);
        assertThatThrownBy(() -> strict.discover(URI.create(issuer))).as("the discovery too")
                .isInstanceOf(SsoHttp.DiscoveryFailedException.class);
        new SsoHttp(true).check(URI.create("http://127.0.0.1/token"));
    }

    @Test
    void aDiscoveryIsReadWhenItNamesItsOwnIssuer() {
        server.stubFor(get("/idp/.well-known/openid-configuration").willReturn(okJson(discovery(issuer))));
        assertThat(new SsoHttp(true).discover(URI.create(issuer)).registrationId("r").clientId("c").build()
                .getProviderDetails().getTokenUri()).isEqualTo(issuer + "/token");

        server.stubFor(get("/idp/.well-known/openid-configuration").willReturn(okJson(discovery(
                "https://elsewhere.example"))));
        assertThatThrownBy(() -> new SsoHttp(true).discover(URI.create(issuer)))
                .isInstanceOf(SsoHttp.DiscoveryFailedException.class).hasMessageContaining("another issuer");
    }

    @Test
    void aDiscoveryTooLargeOrTooSlowIsRefused() {
        server.stubFor(get("/idp/.well-known/openid-configuration").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"x\":\"" + "a".repeat(300 * 1024) + "\"}")));
        assertThatThrownBy(() -> new SsoHttp(true).discover(URI.create(issuer)))
                .isInstanceOf(SsoHttp.DiscoveryFailedException.class).hasMessageContaining("larger than 256 KB");

        // the headers at once, the body a little at a time: the whole answer is late
        server.stubFor(get("/idp/.well-known/openid-configuration").willReturn(okJson(discovery(issuer))
                .withChunkedDribbleDelay(20, 3_000)));
        assertThatThrownBy(() -> new SsoHttp(true, Duration.ofMillis(500)).discover(URI.create(issuer)))
                .isInstanceOf(SsoHttp.DiscoveryFailedException.class).hasMessageContaining("no whole answer");
    }
}
