package io.rostersync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestService;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like client of the console for tests: cookies kept, redirects not followed (the tests look at them). */
final class ConsoleClient {

    private final TestService service;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ConsoleClient(TestService service) {
        this.service = service;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(service.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(service.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session's CSRF token, from a form of this page. */
    String csrf(String path) throws Exception {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(path).body());
        assertThat(m.find()).as("a CSRF token on " + path).isTrue();
        return m.group(1);
    }

    ConsoleClient signIn(String username, String password) throws Exception {
        HttpResponse<String> response = post("/console/sign-in", "username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf("/console/sign-in"));
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/console"));
        return this;
    }
}
