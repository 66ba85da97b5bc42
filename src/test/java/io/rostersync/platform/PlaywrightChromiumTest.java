package io.rostersync.platform;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proves Playwright for Java 1.62.0 drives Debian's /usr/bin/chromium headless: it loads a page served on
 * 127.0.0.1, clicks a button and sees the DOM change.
 *
 * <p>Chromium must be installed ({@code apt-get install -y chromium}); when it is missing this test fails, it does
 * not skip, because CI installs it. Playwright must not try to download its own browser: the environment variable
 * {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1} is set both by surefire and through {@link Playwright.CreateOptions}.
 */
class PlaywrightChromiumTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");

    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>compat</title></head>
            <body>
              <button id="sync" onclick="document.getElementById('status').textContent = 'Synced 3 users'">Sync</button>
              <p id="status">Not synced</p>
            </body></html>
            """;

    @Test
    void headlessDebianChromiumClicksAButtonAndTheDomChanges() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("%s is missing: install it with apt-get install -y chromium chromium-driver", CHROMIUM)
                .isTrue();

        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM)
                     .setHeadless(true)
                     .setArgs(CHROMIUM_ARGS))) {
            assertThat(browser.version()).isNotBlank();
            Page page = browser.newPage();
            page.navigate("http://127.0.0.1:" + http.getAddress().getPort() + "/");
            assertThat(page).hasTitle("compat");
            assertThat(page.locator("#status")).hasText("Not synced");

            page.locator("#sync").click();

            assertThat(page.locator("#status")).hasText("Synced 3 users");
            assertThat(page.textContent("#status")).isEqualTo("Synced 3 users");
        } finally {
            http.stop(0);
        }
    }
}
