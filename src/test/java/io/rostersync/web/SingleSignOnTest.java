package io.rostersync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import io.rostersync.TestService;
import io.rostersync.accounts.SingleSignOn;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.storage.SecretBox;
import io.rostersync.sync.Syncs;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A district's people sign in through its identity provider (here no.nav's mock-oauth2-server as the
 * district's OpenID provider, as Clever or ClassLink would be): the person is found by the roster's id
 * in the directory's source links; someone the roster does not have, an ID token for another client,
 * or one that has expired, gets a page that says why and no session.
 */
class SingleSignOnTest {

    private static final String ISSUER = "district-idp";
    private static TestService service;
    private static MockOAuth2Server idp;
    private static long district;
    private static String student;
    private static String studentName;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.shared();
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getLoopbackAddress(), 0);
        district = new Districts(service.dataSource()).findOrCreate("sso-people").id();
        Path roster = RosterGenerator.generate(GeneratorOptions.of(40).withSeed(3), work.resolve("roster")).output();
        new Syncs(service.dataSource(), service.bean(SecretBox.class)).sync(Syncs.Request.of("sso-people", roster));
        JdbcClient jdbc = JdbcClient.create(service.dataSource());
        Map<String, Object> row = jdbc.sql("""
                SELECT l.sourced_id, p.given_name || ' ' || p.family_name AS name FROM source_link l
                JOIN person p ON p.district_id = l.district_id AND p.id = l.local_id
                WHERE l.district_id = ? AND l.kind = 'person' AND p.kind = 'students' ORDER BY l.sourced_id LIMIT 1""")
                .param(district).query().singleRow();
        student = (String) row.get("sourced_id");
        studentName = (String) row.get("name");
        assertThat(new io.rostersync.directory.PeopleReads(service.dataSource()).bySourcedId(district, student))
                .as("the directory finds the student by the roster's id").isPresent();
        new SingleSignOn(service.dataSource(), service.bean(SecretBox.class), true).save(district, SingleSignOn.Kind.OIDC,
                idp.issuerUrl(ISSUER).toString(), "rostersync", "client-secret", "sub", true);
    }

    @AfterAll
    static void stop() {
        idp.shutdown();
    }

    /** A browser: cookies kept, redirects followed by hand; returns the last answer and where it was. */
    private record Visit(URI at, HttpResponse<String> response) {
    }

    private static Visit follow(HttpClient browser, URI start) throws Exception {
        URI at = start;
        for (int hops = 0; hops < 10; hops++) {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(at).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 3) {
                return new Visit(at, r);
            }
            at = at.resolve(r.headers().firstValue("Location").orElseThrow());
        }
        throw new AssertionError("too many redirects");
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Signs in through the identity provider, whose tokens carry these claims besides its own (aud, exp: overridden). */
    private static Visit signIn(HttpClient browser, String subject, Map<String, Object> claims) throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, JOSEObjectType.JWT.getType(), null,
                claims, 3600));
        return follow(browser, service.uri("/oauth2/authorization/d" + district + "-oidc"));
    }

    @Test
    void aPersonOfTheRosterSignsInAndOut() throws Exception {
        Visit page = follow(browser(), service.uri("/sso/sso-people"));
        assertThat(page.response().body()).contains("Sign in with your district account")
                .contains("/oauth2/authorization/d" + district + "-oidc");

        HttpClient browser = browser();
        Visit me = signIn(browser, student, Map.of());
        assertThat(me.at().getPath()).isEqualTo("/me");
        assertThat(me.response().body()).contains("Hello, " + studentName).contains("a student of");

        HttpResponse<String> console = browser.send(HttpRequest.newBuilder(service.uri("/console/audit")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).as("a person is no admin: the console refuses them").isEqualTo(403);

        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(me.response().body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> out = browser.send(HttpRequest.newBuilder(service.uri("/me/sign-out"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/sso/signed-out");
        assertThat(follow(browser, service.uri("/me")).at().getPath()).as("signed out").isEqualTo("/sso/choose");
    }

    @Test
    void someoneTheRosterDoesNotHaveIsToldSoAndHasNoSession() throws Exception {
        HttpClient browser = browser();
        Visit refused = signIn(browser, "not-a-roster-id", Map.of());
        assertThat(refused.at().getPath()).isEqualTo("/sso/not-in-roster");
        assertThat(refused.response().body()).contains("not in your district's roster");
        assertThat(follow(browser, service.uri("/me")).at().getPath()).isEqualTo("/sso/choose");
    }

    @Test
    void anIdTokenForAnotherClientOrExpiredIsRefused() throws Exception {
        assertThat(signIn(browser(), student, Map.of("aud", List.of("rostersync"))).at().getPath())
                .as("the same claims with our client: the refusals below are for their values").isEqualTo("/me");
        assertThat(signIn(browser(), student, Map.of("aud", List.of("another-app"))).at().getPath())
                .as("an ID token for another client").isEqualTo("/sso/failed");
        long anHourAgo = java.time.Instant.now().minusSeconds(3600).getEpochSecond();
        assertThat(signIn(browser(), student, Map.of("exp", anHourAgo, "iat", anHourAgo - 60)).at().getPath())
                .as("an expired ID token").isEqualTo("/sso/failed");
    }

    /** A provider shared by several districts: only a sign-in of this district's tenant gets in. */
    @Test
    void aSharedProvidersSignInMustBeThisDistrictsTenant() throws Exception {
        SingleSignOn sso = new SingleSignOn(service.dataSource(), service.bean(SecretBox.class), true);
        sso.save(district, SingleSignOn.Kind.OIDC, idp.issuerUrl(ISSUER).toString(), "rostersync", null, "sub", true,
                "tenant", "district-7");
        try {
            assertThat(signIn(browser(), student, Map.of("tenant", "district-8")).at().getPath())
                    .as("another district's tenant, the same roster id").isEqualTo("/sso/failed");
            assertThat(signIn(browser(), student, Map.of()).at().getPath()).as("no tenant said")
                    .isEqualTo("/sso/failed");
            assertThat(signIn(browser(), student, Map.of("tenant", "district-7")).at().getPath()).isEqualTo("/me");
        } finally {
            sso.save(district, SingleSignOn.Kind.OIDC, idp.issuerUrl(ISSUER).toString(), "rostersync", null, "sub", true);
        }
    }

    /** A district admin whose account is linked to their sign-in reaches the console through the provider. */
    @Test
    void aLinkedAdminSignsInToTheConsoleAndLosesTheSessionWithTheLink() throws Exception {
        io.rostersync.accounts.Admin admin = new io.rostersync.accounts.AdminAccounts(service.dataSource()).create(
                district, "sso-linked-admin", "a-long-enough-password", io.rostersync.accounts.AdminRole.DISTRICT_ADMIN,
                List.of());
        io.rostersync.accounts.AdminSignIns links = new io.rostersync.accounts.AdminSignIns(service.dataSource());
        links.link(district, admin.id(), SingleSignOn.Kind.OIDC, "admin-at-the-idp");

        assertThat(follow(browser(), service.uri("/sso/sso-people")).response().body())
                .contains("/oauth2/authorization/d" + district + "-oidc-admin");
        String toProvider = get(browser(), "/oauth2/authorization/d" + district + "-oidc-admin").headers()
                .firstValue("Location").orElseThrow();
        assertThat(java.net.URLDecoder.decode(toProvider, java.nio.charset.StandardCharsets.UTF_8))
                .as("the provider is given one redirect address for people and admins")
                .contains("/login/oauth2/code/d" + district + "-oidc&").doesNotContain("-oidc-admin");

        HttpClient browser = browser();
        Visit console = signInAsAdmin(browser, "admin-at-the-idp");
        assertThat(console.at().getPath()).isEqualTo("/console");
        assertThat(console.response().statusCode()).isEqualTo(200);
        assertThat(get(browser, "/console/audit").statusCode()).as("the console takes the session").isEqualTo(200);

        links.unlink(district, admin.id(), SingleSignOn.Kind.OIDC);
        HttpResponse<String> after = get(browser, "/console/audit");
        assertThat(after.headers().firstValue("Location").orElse("")).as("the link taken away ends the session")
                .endsWith("/console/sign-in?expired");
    }

    @Test
    void noAdminAccountLinkedMeansNoConsole() throws Exception {
        HttpClient browser = browser();
        Visit refused = signInAsAdmin(browser, student);
        assertThat(refused.at().getPath()).as("a roster id is not an admin's link").isEqualTo("/sso/not-an-admin");
        assertThat(refused.response().body()).contains("No admin account signs in as you");
        assertThat(get(browser, "/console/audit").headers().firstValue("Location").orElse(""))
                .endsWith("/console/sign-in");
    }

    @Test
    void aDisabledAdminIsNotSignedIn() throws Exception {
        io.rostersync.accounts.AdminAccounts accounts = new io.rostersync.accounts.AdminAccounts(service.dataSource());
        io.rostersync.accounts.Admin admin = accounts.create(district, "sso-disabled-admin", "a-long-enough-password",
                io.rostersync.accounts.AdminRole.DISTRICT_ADMIN, List.of());
        new io.rostersync.accounts.AdminSignIns(service.dataSource()).link(district, admin.id(), SingleSignOn.Kind.OIDC,
                "disabled-at-the-idp");
        assertThat(signInAsAdmin(browser(), "disabled-at-the-idp").at().getPath()).as("a control: linked and enabled")
                .isEqualTo("/console");
        accounts.setDisabled(district, admin.id(), true);
        assertThat(signInAsAdmin(browser(), "disabled-at-the-idp").at().getPath()).isEqualTo("/sso/not-an-admin");
    }

    /**
     * The provider's discovery and keys are fetched without following redirects: an address that passed
     * the check cannot send the service on to another. A stub issuer serves the identity provider's own
     * discovery under its name; its key address either is the provider's (the control) or redirects to it.
     */
    @Test
    void discoveryAndKeysAreNotFetchedThroughARedirect() throws Exception {
        com.github.tomakehurst.wiremock.WireMockServer stub = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1")
                        .dynamicPort());
        stub.start();
        long other = new Districts(service.dataSource()).findOrCreate("sso-redirects").id();
        SingleSignOn sso = new SingleSignOn(service.dataSource(), service.bean(SecretBox.class), true);
        try {
            String stubIssuer = "http://127.0.0.1:" + stub.port() + "/issuer";
            String discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(idp.issuerUrl(ISSUER) + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            tools.jackson.databind.json.JsonMapper json = new tools.jackson.databind.json.JsonMapper();
            tools.jackson.databind.node.ObjectNode renamed = (tools.jackson.databind.node.ObjectNode) json.readTree(discovery);
            renamed.put("issuer", stubIssuer);
            // the provider's user info checks the access token's issuer, which is the stub's here: not asked
            renamed.remove("userinfo_endpoint");
            String realKeys = renamed.get("jwks_uri").asString();
            stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/issuer/.well-known/openid-configuration")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(renamed.toString())));
            stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/keys").willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect(realKeys)));
            stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/moved/.well-known/openid-configuration")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect(
                            idp.issuerUrl(ISSUER) + "/.well-known/openid-configuration")));
            sso.save(other, SingleSignOn.Kind.OIDC, stubIssuer, "rostersync", "client-secret", "sub", true);
            HttpClient browser = browser();
            idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "someone", JOSEObjectType.JWT.getType(), null,
                    Map.of("iss", stubIssuer), 3600));
            assertThat(follow(browser, service.uri("/oauth2/authorization/d" + other + "-oidc")).at().getPath())
                    .as("the control: the stub names the provider's own keys; the sign-in reaches the roster check")
                    .isEqualTo("/sso/not-in-roster");

            stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/issuer/.well-known/openid-configuration")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(renamed.put("jwks_uri",
                            "http://127.0.0.1:" + stub.port() + "/keys").toString())));
            sso.save(other, SingleSignOn.Kind.OIDC, stubIssuer, "rostersync-2", null, "sub", true);
            idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "someone", JOSEObjectType.JWT.getType(),
                    List.of("rostersync-2"), Map.of("iss", stubIssuer), 3600));
            assertThat(follow(browser(), service.uri("/oauth2/authorization/d" + other + "-oidc")).at().getPath())
                    .as("keys behind a redirect are not fetched").isEqualTo("/sso/failed");

            sso.save(other, SingleSignOn.Kind.OIDC, "http://127.0.0.1:" + stub.port() + "/moved", "rostersync", "s",
                    "sub", true);
            assertThat(follow(browser(), service.uri("/oauth2/authorization/d" + other + "-oidc")).at().getPath())
                    .as("a discovery that redirects is not followed").isEqualTo("/sso/unavailable");
        } finally {
            stub.stop();
        }
    }

    private static Visit signInAsAdmin(HttpClient browser, String subject) throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, JOSEObjectType.JWT.getType(), null,
                Map.of(), 3600));
        return follow(browser, service.uri("/oauth2/authorization/d" + district + "-oidc-admin"));
    }

    private static HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(service.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A person's sign-in holds while the provider is as it was; an admin's /me is the console. */
    @Test
    void aPersonsSessionEndsWhenTheProviderChangesAndAnAdminsMeIsTheConsole() throws Exception {
        HttpClient browser = browser();
        assertThat(signIn(browser, student, Map.of()).at().getPath()).isEqualTo("/me");
        new SingleSignOn(service.dataSource(), service.bean(SecretBox.class), true).save(district,
                SingleSignOn.Kind.OIDC, idp.issuerUrl(ISSUER).toString(), "rostersync", null, "sub", true);
        assertThat(follow(browser, service.uri("/me")).at().getPath()).as("the provider changed since")
                .isEqualTo("/sso/signed-out");
        assertThat(follow(browser, service.uri("/me")).at().getPath()).as("and the session is gone")
                .isEqualTo("/sso/choose");

        io.rostersync.accounts.Admin admin = new io.rostersync.accounts.AdminAccounts(service.dataSource()).create(
                district, "sso-me-admin", "a-long-enough-password", io.rostersync.accounts.AdminRole.DISTRICT_ADMIN,
                List.of());
        new io.rostersync.accounts.AdminSignIns(service.dataSource()).link(district, admin.id(), SingleSignOn.Kind.OIDC,
                "me-admin-at-the-idp");
        HttpClient adminBrowser = browser();
        assertThat(signInAsAdmin(adminBrowser, "me-admin-at-the-idp").at().getPath()).isEqualTo("/console");
        assertThat(follow(adminBrowser, service.uri("/me")).at().getPath()).isEqualTo("/console");
    }

    /** An admin's session through a provider ends when the provider is changed or turned off. */
    @Test
    void changingOrTurningOffTheProviderEndsTheAdminsSessionsThroughIt() throws Exception {
        io.rostersync.accounts.Admin admin = new io.rostersync.accounts.AdminAccounts(service.dataSource()).create(
                district, "sso-provider-change", "a-long-enough-password",
                io.rostersync.accounts.AdminRole.DISTRICT_ADMIN, List.of());
        io.rostersync.accounts.AdminSignIns links = new io.rostersync.accounts.AdminSignIns(service.dataSource());
        links.link(district, admin.id(), SingleSignOn.Kind.OIDC, "changes-at-the-idp");
        SingleSignOn sso = new SingleSignOn(service.dataSource(), service.bean(SecretBox.class), true);
        HttpClient browser = browser();
        assertThat(signInAsAdmin(browser, "changes-at-the-idp").at().getPath()).isEqualTo("/console");
        assertThat(get(browser, "/console/audit").statusCode()).isEqualTo(200);

        sso.save(district, SingleSignOn.Kind.OIDC, idp.issuerUrl(ISSUER).toString(), "rostersync", null, "sub", true);
        assertThat(get(browser, "/console/audit").headers().firstValue("Location").orElse(""))
                .as("the provider changed since the sign-in").endsWith("/console/sign-in?expired");
        assertThat(links.all(district)).as("the same issuer and claim keep their links")
                .anyMatch(l -> l.identity().equals("changes-at-the-idp"));

        sso.save(district, SingleSignOn.Kind.OIDC, idp.issuerUrl(ISSUER).toString(), "rostersync", null,
                "preferred_username", true);
        try {
            assertThat(links.all(district)).as("another claim's values are not the links' anymore")
                    .noneMatch(l -> l.identity().equals("changes-at-the-idp"));
        } finally {
            sso.save(district, SingleSignOn.Kind.OIDC, idp.issuerUrl(ISSUER).toString(), "rostersync", null, "sub",
                    true);
        }
    }

    /**
     * A district's own provider that finds admins by their email: only an address the provider verified
     * counts, in any case; a shared provider's admin of another tenant is refused like its people.
     */
    @Test
    void anAdminFoundByEmailNeedsAVerifiedAddressAndTheDistrictsTenant() throws Exception {
        long other = new Districts(service.dataSource()).findOrCreate("sso-email").id();
        SingleSignOn sso = new SingleSignOn(service.dataSource(), service.bean(SecretBox.class), true);
        sso.save(other, SingleSignOn.Kind.OIDC, idp.issuerUrl(ISSUER).toString(), "rostersync", "client-secret",
                "email", true, "hd", "district.example");
        io.rostersync.accounts.Admin admin = new io.rostersync.accounts.AdminAccounts(service.dataSource()).create(
                other, "sso-email-admin", "a-long-enough-password", io.rostersync.accounts.AdminRole.DISTRICT_ADMIN,
                List.of());
        new io.rostersync.accounts.AdminSignIns(service.dataSource()).link(other, admin.id(), SingleSignOn.Kind.OIDC,
                "boss@district.example");
        String start = "/oauth2/authorization/d" + other + "-oidc-admin";
        record Attempt(String why, Map<String, Object> claims, String lands) {
        }
        for (Attempt attempt : List.of(
                new Attempt("verified, its own tenant, another case", Map.of("email", "Boss@District.example",
                        "email_verified", true, "hd", "district.example"), "/console"),
                new Attempt("not verified", Map.of("email", "boss@district.example", "email_verified", false,
                        "hd", "district.example"), "/sso/failed"),
                new Attempt("verified, not said so", Map.of("email", "boss@district.example", "hd",
                        "district.example"), "/sso/failed"),
                new Attempt("another tenant", Map.of("email", "boss@district.example", "email_verified", true,
                        "hd", "elsewhere.example"), "/sso/failed"))) {
            idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "someone", JOSEObjectType.JWT.getType(), null,
                    attempt.claims(), 3600));
            assertThat(follow(browser(), service.uri(start)).at().getPath()).as(attempt.why()).isEqualTo(attempt.lands());
        }
    }

    @Test
    void aSharedIssuerIsNotTurnedOnWithoutTheTenantItsIdsBelongTo() throws Exception {
        long other = new Districts(service.dataSource()).findOrCreate("sso-shared").id();
        // private hosts allowed: this machine resolves no public name, and the refusal below is not about addresses
        SingleSignOn sso = new SingleSignOn(service.dataSource(), service.bean(SecretBox.class), true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sso.save(other, SingleSignOn.Kind.CLASSLINK, null,
                "client", "secret", null, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TenantId");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sso.save(other, SingleSignOn.Kind.OIDC,
                "https://accounts.google.com", "client", "secret", "sub", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hd");
        SingleSignOn.Provider classLink = sso.save(other, SingleSignOn.Kind.CLASSLINK, null, "client", "secret", null,
                true, null, "2011");
        assertThat(classLink.tenantClaim()).as("ClassLink's tenant claim by default").isEqualTo("TenantId");
        assertThat(sso.save(other, SingleSignOn.Kind.OIDC, "https://accounts.google.com", "client", "secret", "sub",
                false).enabled()).as("saved turned off, to finish later").isFalse();
    }
}
