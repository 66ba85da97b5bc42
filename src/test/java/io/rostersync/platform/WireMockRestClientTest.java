package io.rostersync.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Proves WireMock 3.13.2 (standalone, shaded) runs beside Boot 4 on an ephemeral port, and that Spring's
 * {@link RestClient} reads a Clever-style paged JSON API from it with Jackson 3 ({@code tools.jackson}): it follows
 * the {@code next} links until there are none, maps the pages to records, and ignores fields it does not know.
 */
class WireMockRestClientTest {

    record CleverPage(List<CleverEnvelope> data, List<CleverLink> links) {
    }

    record CleverEnvelope(CleverUser data, String uri) {
    }

    record CleverUser(String id, CleverName name, String email) {
    }

    record CleverName(String first, String last) {
    }

    record CleverLink(String rel, String uri) {
    }

    private static final String PAGE_1 = """
            {"data": [
               {"data": {"id": "u1", "name": {"first": "Ada", "last": "Lovelace"}, "email": "ada@springfield.example",
                         "roles": {"teacher": {"district": "d1"}}, "created": "2024-08-01T00:00:00.000Z"},
                "uri": "/v3.0/users/u1"},
               {"data": {"id": "u2", "name": {"first": "Alan", "middle": "M", "last": "Turing"}, "email": null},
                "uri": "/v3.0/users/u2"}],
             "links": [{"rel": "self", "uri": "/v3.0/users?limit=2"},
                       {"rel": "next", "uri": "/v3.0/users?limit=2&starting_after=u2"}]}
            """;

    private static final String PAGE_2 = """
            {"data": [
               {"data": {"id": "u3", "name": {"first": "Grace", "last": "Hopper"}, "email": "grace@springfield.example"},
                "uri": "/v3.0/users/u3"}],
             "links": [{"rel": "self", "uri": "/v3.0/users?limit=2&starting_after=u2"}]}
            """;

    @Test
    void restClientFollowsCleverStylePagesWithJackson3() {
        WireMockServer wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        try {
            wireMock.stubFor(get(urlPathEqualTo("/v3.0/users"))
                    .withQueryParam("limit", equalTo("2"))
                    .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer district-token"))
                    .atPriority(2)
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(PAGE_1)));
            wireMock.stubFor(get(urlPathEqualTo("/v3.0/users"))
                    .withQueryParam("starting_after", equalTo("u2"))
                    .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer district-token"))
                    .atPriority(1)
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(PAGE_2)));

            List<String> converterNames = new ArrayList<>();
            RestClient clever = RestClient.builder()
                    .baseUrl(wireMock.baseUrl())
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer district-token")
                    // registerDefaults() is required: configureMessageConverters otherwise starts from an empty list.
                    .configureMessageConverters(converters -> converters.registerDefaults()
                            .configureMessageConvertersList(list ->
                                    list.forEach(c -> converterNames.add(c.getClass().getName()))))
                    .build();

            List<CleverUser> users = new ArrayList<>();
            String next = "/v3.0/users?limit=2";
            int pages = 0;
            while (next != null) {
                CleverPage page = clever.get().uri(next).accept(MediaType.APPLICATION_JSON).retrieve()
                        .body(CleverPage.class);
                pages++;
                page.data().forEach(envelope -> users.add(envelope.data()));
                next = page.links().stream().filter(l -> "next".equals(l.rel())).map(CleverLink::uri)
                        .findFirst().orElse(null);
            }

            // Jackson 2 is on the classpath too (flyway-core needs it); Spring 7 still picks Jackson 3.
            assertThat(converterNames).as("RestClient converts JSON with the Jackson 3 converter")
                    .contains(JacksonJsonHttpMessageConverter.class.getName())
                    .noneMatch(name -> name.contains("Jackson2"));
            assertThat(pages).isEqualTo(2);
            assertThat(users).extracting(CleverUser::id).containsExactly("u1", "u2", "u3");
            assertThat(users.get(0).name()).isEqualTo(new CleverName("Ada", "Lovelace"));
            assertThat(users.get(1).email()).isNull();
            assertThat(users.get(2).name().last()).isEqualTo("Hopper");
            wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v3.0/users"))
                    .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer district-token")));
        } finally {
            wireMock.stop();
        }
    }
}
