package io.rostersync.intake.internal.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.rostersync.oneroster.OneRosterVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A OneRoster REST API read into a CSV package, against WireMock: the documented payloads become the
 * rows the CSV binding has for them; paging follows offset and X-Total-Count; a busy server is waited
 * for and the read resumes where it stopped; a refusal, or an answer that is not OneRoster, stops the
 * pull with words an admin can act on.
 */
class OneRosterRestPullTest {

    private static final String V1P1 = "/ims/oneroster/v1p1";
    private static final List<String> COLLECTIONS = List.of("orgs", "academicSessions", "courses", "classes", "users",
            "enrollments");

    private WireMockServer server;
    private final List<Duration> waited = new ArrayList<>();

    @TempDir
    Path folder;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/api/oneroster", name));
    }

    /** Every collection answers an empty page unless a test says otherwise. */
    private void emptyCollections(String root) {
        for (String c : COLLECTIONS) {
            server.stubFor(get(urlPathEqualTo(root + "/" + c)).atPriority(9).willReturn(json("{\"" + c + "\": []}")));
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private OneRosterRestPull pull(Authorizer auth, OneRosterVersion version, String root, int page) {
        ApiHttp http = new ApiHttp(auth, waited::add, Clock.systemUTC()).allowingPrivateHosts(true);
        return new OneRosterRestPull(http, URI.create(server.baseUrl() + root), version, page);
    }

    @Test
    void documentedPayloadsBecomeTheRowsOfTheCsvBinding() throws Exception {
        emptyCollections(V1P1);
        server.stubFor(get(urlPathEqualTo(V1P1 + "/users")).withQueryParam("offset", equalTo("0"))
                .willReturn(json(fixture("users-classlink.json"))));
        server.stubFor(get(urlPathEqualTo(V1P1 + "/classes")).withQueryParam("offset", equalTo("0"))
                .willReturn(json(fixture("classes-classlink.json"))));

        OneRosterRestPull.Pulled pulled = pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100).pullInto(folder);

        assertThat(pulled.rows()).containsEntry("users.csv", 2L).containsEntry("classes.csv", 1L)
                .containsEntry("orgs.csv", 0L).doesNotContainKey("demographics.csv");
        assertThat(pulled.files()).contains("manifest.csv", "users.csv", "enrollments.csv");
        List<String> users = Files.readAllLines(folder.resolve("users.csv"), StandardCharsets.UTF_8);
        assertThat(users).containsExactly(
                "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
                        + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
                "19051,,,true,2,student,mylei.rakestraw,\"{FED:19051},{StateID:8820019051}\",MYLEI,RAKESTRAW,MARIA,18090,"
                        + "mylei.rakestraw@classlink.k12.nj.us,,,g-7001,12,",
                "g-7001,,,true,2,parent,,,Dana,\"Rakestraw, Jr\",,,dana.rakestraw@example.net,+15555550101,,19051,,");
        assertThat(String.join("\n", users)).as("a password is never written; a deleted record is left out")
                .doesNotContain("never-written").doesNotContain("19052");
        assertThat(Files.readAllLines(folder.resolve("classes.csv"))).containsExactly(
                "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                        + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
                "33333,,,Sci5 (Sci5),\"05,11,10,12\",7_1111,,scheduled,201,7,FY,Science (grade 5),3235,");
        assertThat(Files.readAllLines(folder.resolve("manifest.csv"))).contains("oneroster.version,1.1",
                "file.users,bulk", "file.demographics,absent");
        server.verify(getRequestedFor(urlPathEqualTo(V1P1 + "/users")).withQueryParam("sort", equalTo("sourcedId"))
                .withHeader("Authorization", equalTo("Bearer t")));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(V1P1 + "/demographics")))).as("never asked for")
                .isEmpty();
    }

    /**
     * Only the fields the package writes are asked for (never a password, a 1.2 user profile's
     * credentials, or an extension); a server that refuses the parameter is read whole.
     */
    @Test
    void onlyTheFieldsWrittenAreAskedForAndAServerThatRefusesThemIsReadWhole() throws Exception {
        emptyCollections(V1P1);
        pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100).pullInto(folder);
        List<String> fields = List.of(server.findAll(getRequestedFor(urlPathEqualTo(V1P1 + "/users"))).get(0)
                .queryParameter("fields").firstValue().split(","));
        assertThat(fields).contains("sourcedId", "status", "dateLastModified", "orgs", "agents", "givenName", "userIds",
                "grades").doesNotContain("password", "orgSourcedIds");

        String root = "/ims/oneroster/rostering/v1p2";
        emptyCollections(root);
        pull(new BearerToken("t"), OneRosterVersion.V1_2, root, 100)
                .pullInto(Files.createDirectories(folder.resolve("v1p2")));
        assertThat(List.of(server.findAll(getRequestedFor(urlPathEqualTo(root + "/users"))).get(0)
                .queryParameter("fields").firstValue().split(","))).contains("roles", "preferredFirstName")
                .doesNotContain("userProfiles", "password");

        server.resetAll();
        emptyCollections(V1P1);
        server.stubFor(get(urlPathEqualTo(V1P1 + "/orgs")).withQueryParam("fields",
                com.github.tomakehurst.wiremock.client.WireMock.matching(".+")).atPriority(1).willReturn(json(
                        "{\"imsx_codeMajor\": \"failure\", \"imsx_severity\": \"error\","
                                + " \"imsx_description\": \"invalid_selection_field\"}").withStatus(400)));
        OneRosterRestPull.Pulled whole = pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100)
                .pullInto(Files.createDirectories(folder.resolve("whole")));
        assertThat(whole.rows()).containsEntry("orgs.csv", 0L);
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(V1P1 + "/users"))).get(0).queryParameter("fields")
                .isPresent()).as("not asked again").isFalse();
    }

    /**
     * Asked for the changes since a time, courses, classes, users and enrollments are asked with the
     * binding's filter: what changed comes as a delta file, the deleted with it; a collection without
     * changes is left out and marked absent (OneRoster forbids a file without rows). Orgs and sessions
     * are read whole. The pull is as of the server's own clock (its Date), less the overlap that reads a
     * change still being written again.
     */
    @Test
    void theChangesSinceATimeBecomeADeltaPackageAsOfTheServersClock() throws Exception {
        for (String c : COLLECTIONS) {
            server.stubFor(get(urlPathEqualTo(V1P1 + "/" + c)).atPriority(9).willReturn(json("{\"" + c + "\": []}")
                    .withHeader("Date", "Sat, 05 Dec 2026 10:00:00 GMT")));
        }
        server.stubFor(get(urlPathEqualTo(V1P1 + "/users")).withQueryParam("offset", equalTo("0"))
                .willReturn(json(fixture("users-classlink.json"))));
        server.stubFor(get(urlPathEqualTo(V1P1 + "/orgs")).withQueryParam("offset", equalTo("0"))
                .willReturn(json("{\"orgs\": [{\"sourcedId\": \"2\", \"status\": \"active\", \"dateLastModified\":"
                        + " \"2019-03-01T18:14:45.000Z\", \"name\": \"Lakeview High\", \"type\": \"school\"}]}")));

        OneRosterRestPull.Pulled changes = pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100)
                .pullInto(folder, java.time.Instant.parse("2026-12-01T06:30:00.250Z"));

        for (String c : List.of("courses", "classes", "users", "enrollments")) {
            assertThat(server.findAll(getRequestedFor(urlPathEqualTo(V1P1 + "/" + c)))).as(c + ", every page")
                    .isNotEmpty().allSatisfy(r -> assertThat(r.queryParameter("filter").firstValue())
                            .isEqualTo("dateLastModified>'2026-12-01T06:30:00Z'"));
        }
        for (String c : List.of("orgs", "academicSessions")) {
            assertThat(server.findAll(getRequestedFor(urlPathEqualTo(V1P1 + "/" + c)))).as(c + ", read whole")
                    .isNotEmpty().allSatisfy(r -> assertThat(r.queryParameter("filter").isPresent()).isFalse());
        }
        assertThat(Files.readAllLines(folder.resolve("users.csv"))).extracting(line -> line.split(",")[0] + ","
                + line.split(",")[1] + "," + line.split(",")[2]).containsExactly("sourcedId,status,dateLastModified",
                        "19051,active,2019-03-01T18:14:45.000Z", "g-7001,active,2019-03-01T18:14:45.000Z",
                        "19052,tobedeleted,2019-03-02T08:00:00.000Z");
        assertThat(Files.readAllLines(folder.resolve("orgs.csv"))).as("a bulk file").element(1).asString()
                .startsWith("2,,,");
        assertThat(Files.readAllLines(folder.resolve("manifest.csv"))).contains("file.users,delta", "file.orgs,bulk",
                "file.academicSessions,bulk", "file.classes,absent", "file.enrollments,absent");
        assertThat(folder.resolve("classes.csv")).doesNotExist();
        assertThat(changes.files()).containsExactlyInAnyOrder("orgs.csv", "academicSessions.csv", "users.csv",
                "manifest.csv");
        assertThat(changes.changesOnly()).contains("users.csv", "classes.csv").doesNotContain("orgs.csv");
        assertThat(changes.nothingChanged()).isFalse();
        assertThat(changes.asOf()).isEqualTo(java.time.Instant.parse("2026-12-05T09:55:00Z"));

        // later: no record changed since, an org only as it was: nothing changed
        server.stubFor(get(urlPathEqualTo(V1P1 + "/users")).withQueryParam("offset", equalTo("0"))
                .willReturn(json("{\"users\": []}")));
        OneRosterRestPull.Pulled none = pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100)
                .pullInto(Files.createDirectories(folder.resolve("none")), java.time.Instant.parse("2026-12-05T09:55:00Z"));
        assertThat(none.nothingChanged()).isTrue();
        // an org changed since: something changed, though no file of changes has a row
        OneRosterRestPull.Pulled org = pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100)
                .pullInto(Files.createDirectories(folder.resolve("org")), java.time.Instant.parse("2019-01-01T00:00:00Z"));
        assertThat(org.nothingChanged()).isFalse();
    }

    /**
     * A server that refuses the filter (a 400 with and without fields) is read whole: on the first
     * collection asked with it, the rest of the pull goes on whole; on a later one, after a collection
     * was read as changes, the pull starts again, whole, so that no package is part changes, part whole.
     */
    @Test
    void aServerThatRefusesTheFilterIsReadWholeAsBulkFiles() throws Exception {
        emptyCollections(V1P1);
        server.stubFor(get(urlPathEqualTo(V1P1 + "/courses")).withQueryParam("filter",
                com.github.tomakehurst.wiremock.client.WireMock.matching(".+")).atPriority(1).willReturn(json(
                        "{\"imsx_codeMajor\": \"failure\", \"imsx_severity\": \"error\","
                                + " \"imsx_description\": \"invalid_filter_field\"}").withStatus(400)));
        server.stubFor(get(urlPathEqualTo(V1P1 + "/users")).withQueryParam("offset", equalTo("0"))
                .willReturn(json(fixture("users-classlink.json"))));

        OneRosterRestPull.Pulled whole = pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100)
                .pullInto(folder, java.time.Instant.parse("2026-12-01T06:30:00Z"));

        assertThat(whole.changesOnly()).isEmpty();
        assertThat(Files.readAllLines(folder.resolve("manifest.csv"))).contains("file.users,bulk", "file.courses,bulk");
        assertThat(Files.readAllLines(folder.resolve("users.csv"))).as("a bulk file: the deleted left out")
                .hasSize(3).noneMatch(line -> line.startsWith("19052"));
        var courses = server.findAll(getRequestedFor(urlPathEqualTo(V1P1 + "/courses")));
        assertThat(courses).extracting(r -> r.queryParameter("filter").isPresent() + "/"
                + r.queryParameter("fields").isPresent())
                .as("without fields first, then without the filter, the fields asked again")
                .containsExactly("true/true", "true/false", "false/true");
        var users = server.findAll(getRequestedFor(urlPathEqualTo(V1P1 + "/users")));
        assertThat(users).isNotEmpty().allSatisfy(r -> {
            assertThat(r.queryParameter("filter").isPresent()).as("not asked again").isFalse();
            assertThat(r.queryParameter("fields").isPresent()).isTrue();
        });

        // refused only at enrollments, after users came as changes: the whole pull again, from the start
        server.resetAll();
        emptyCollections(V1P1);
        server.stubFor(get(urlPathEqualTo(V1P1 + "/enrollments")).withQueryParam("filter",
                com.github.tomakehurst.wiremock.client.WireMock.matching(".+")).atPriority(1).willReturn(json(
                        "{\"imsx_description\": \"invalid_filter_field\"}").withStatus(400)));
        server.stubFor(get(urlPathEqualTo(V1P1 + "/users")).withQueryParam("offset", equalTo("0"))
                .willReturn(json(fixture("users-classlink.json"))));
        Path again = Files.createDirectories(folder.resolve("again"));
        OneRosterRestPull.Pulled restarted = pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100)
                .pullInto(again, java.time.Instant.parse("2026-12-01T06:30:00Z"));
        assertThat(restarted.changesOnly()).isEmpty();
        assertThat(Files.readAllLines(again.resolve("manifest.csv"))).contains("file.users,bulk",
                "file.enrollments,bulk");
        assertThat(Files.readAllLines(again.resolve("users.csv"))).hasSize(3).allMatch(line -> !line.contains(
                ",active,"));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(V1P1 + "/users"))))
                .extracting(r -> r.queryParameter("filter").isPresent()).as("as changes, then whole")
                .containsSubsequence(true, false);
    }

    @Test
    void aOneRosterOnePointTwoUserGivesItsRolesFile() throws Exception {
        String root = "/ims/oneroster/rostering/v1p2";
        emptyCollections(root);
        server.stubFor(get(urlPathEqualTo(root + "/users")).withQueryParam("offset", equalTo("0"))
                .willReturn(json(fixture("user-1p2.json"))));

        pull(new BearerToken("t"), OneRosterVersion.V1_2, root, 100).pullInto(folder);

        assertThat(Files.readAllLines(folder.resolve("users.csv"))).element(1).isEqualTo(
                "user-example,,,true,example.learner,,Example,Learner,,,,,,,04,,,Ex,,,school-example,they/them/theirs");
        assertThat(Files.readAllLines(folder.resolve("roles.csv"))).containsExactly(
                "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,"
                        + "userProfileSourcedId",
                "user-example|school-example|student,,,user-example,primary,student,,,school-example,");
        assertThat(Files.readAllLines(folder.resolve("manifest.csv"))).contains("oneroster.version,1.2",
                "file.roles,bulk");
    }

    /**
     * 2,500 users in pages of 1,000; the second page is refused once with 429 and a Retry-After: the
     * pull waits as asked, asks for the same page again, and every user is written once.
     */
    @Test
    void pagesFollowTheOffsetAndABusyServerIsWaitedForWhereItStopped() throws Exception {
        emptyCollections(V1P1);
        for (int offset = 0; offset < 2500; offset += 1000) {
            StringBuilder page = new StringBuilder("{\"users\": [");
            for (int i = offset; i < Math.min(2500, offset + 1000); i++) {
                page.append(i == offset ? "" : ",").append("{\"sourcedId\":\"u").append(String.format("%05d", i))
                        .append("\",\"status\":\"active\",\"enabledUser\":\"true\",\"role\":\"student\",\"username\":\"s")
                        .append(i).append("\",\"givenName\":\"G\",\"familyName\":\"F\",\"orgs\":[{\"sourcedId\":\"s1\"}]}");
            }
            page.append("]}");
            String at = Integer.toString(offset);
            if (offset == 1000) {
                server.stubFor(get(urlPathEqualTo(V1P1 + "/users")).withQueryParam("offset", equalTo(at))
                        .inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
                        .willSetStateTo("answered"));
                server.stubFor(get(urlPathEqualTo(V1P1 + "/users")).withQueryParam("offset", equalTo(at))
                        .inScenario("busy").whenScenarioStateIs("answered")
                        .willReturn(json(page.toString()).withHeader("X-Total-Count", "2500")));
            } else {
                server.stubFor(get(urlPathEqualTo(V1P1 + "/users")).withQueryParam("offset", equalTo(at))
                        .willReturn(json(page.toString()).withHeader("X-Total-Count", "2500")));
            }
        }
        ApiHttp http = new ApiHttp(new BearerToken("t"), waited::add, Clock.systemUTC()).allowingPrivateHosts(true);
        OneRosterRestPull.Pulled pulled = new OneRosterRestPull(http, URI.create(server.baseUrl() + V1P1),
                OneRosterVersion.V1_1, 1000).pullInto(folder);

        assertThat(pulled.rows()).containsEntry("users.csv", 2500L);
        List<String> lines = Files.readAllLines(folder.resolve("users.csv"));
        assertThat(lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count()).isEqualTo(2500);
        assertThat(waited).containsExactly(Duration.ofSeconds(7));
        assertThat(http.waits()).isEqualTo(1);
        // three pages of users (the 2,500th is the last: X-Total-Count says so), one of them twice; one page each else
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(V1P1 + "/users")))).hasSize(4);
        assertThat(http.requests()).isEqualTo(4 + 5);
    }

    @Test
    void aRefusalStopsThePullWithTheServersOwnWords() throws Exception {
        emptyCollections(V1P1);
        server.stubFor(get(urlPathEqualTo(V1P1 + "/orgs")).willReturn(json(fixture("error-401.json")).withStatus(401)));

        assertThatThrownBy(() -> pull(new BearerToken("wrong"), OneRosterVersion.V1_1, V1P1, 100).pullInto(folder))
                .isInstanceOfSatisfying(ApiFailure.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).isEqualTo("The server refused the request for orgs (HTTP 401): The"
                            + " consumer key is not valid for this server.");
                    assertThat(e.hint()).contains("client id and secret");
                });
    }

    @Test
    void anAnswerThatIsNoOneRosterPageStopsThePull() throws Exception {
        emptyCollections(V1P1);
        server.stubFor(get(urlPathEqualTo(V1P1 + "/courses")).willReturn(json("{\"data\": []}")));
        server.stubFor(get(urlPathEqualTo(V1P1 + "/orgs")).willReturn(aResponse()
                .withHeader("Content-Type", "text/html").withBody("<html>Sign in</html>")));

        assertThatThrownBy(() -> pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100).pullInto(folder))
                .isInstanceOf(ApiFailure.class).hasMessage("The server's answer for orgs is not JSON.");
        server.stubFor(get(urlPathEqualTo(V1P1 + "/orgs")).willReturn(json("{\"orgs\": []}")));
        assertThatThrownBy(() -> pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100).pullInto(folder))
                .isInstanceOf(ApiFailure.class).hasMessageContaining("courses").hasMessageContaining("no 'courses' list");
    }

    /** OAuth 2 client credentials: the token by HTTP Basic at the token endpoint; a 401 later gets a new one. */
    @Test
    void aClientCredentialsTokenIsFetchedAndRenewedWhenTheApiSays401() throws Exception {
        String root = "/ims/oneroster/rostering/v1p2";
        emptyCollections(root);
        String basic = "Basic " + Base64.getEncoder().encodeToString("client-1:s3cr%3Ft".getBytes(StandardCharsets.UTF_8));
        server.stubFor(post(urlPathEqualTo("/oauth/token")).withHeader("Authorization", equalTo(basic))
                .inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json("{\"access_token\": \"first\", \"token_type\": \"bearer\", \"expires_in\": 3600}"))
                .willSetStateTo("one given"));
        server.stubFor(post(urlPathEqualTo("/oauth/token")).withHeader("Authorization", equalTo(basic))
                .inScenario("tokens").whenScenarioStateIs("one given")
                .willReturn(json("{\"access_token\": \"second\", \"expires_in\": 3600}")));
        server.stubFor(get(urlPathEqualTo(root + "/orgs")).withHeader("Authorization", equalTo("Bearer first"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(get(urlPathEqualTo(root + "/orgs")).withHeader("Authorization", equalTo("Bearer second"))
                .withQueryParam("offset", equalTo("0")).willReturn(json("{\"orgs\": [{\"sourcedId\": \"d1\", \"status\": \"active\", \"name\": \"District\","
                        + " \"type\": \"district\", \"identifier\": \"D1\"}]}")));

        OAuth2ClientCredentials auth = new OAuth2ClientCredentials(URI.create(server.baseUrl() + "/oauth/token"),
                "client-1", "s3cr?t", "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly",
                Clock.systemUTC(), true);
        OneRosterRestPull.Pulled pulled = pull(auth, OneRosterVersion.V1_2, root, 100).pullInto(folder);

        assertThat(pulled.rows()).containsEntry("orgs.csv", 1L);
        server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")).withRequestBody(equalTo(
                "grant_type=client_credentials&scope=https%3A%2F%2Fpurl.imsglobal.org%2Fspec%2For%2Fv1p2%2Fscope%2F"
                        + "roster-core.readonly")));
        assertThat(Files.readAllLines(folder.resolve("orgs.csv"))).element(1).isEqualTo("d1,,,District,district,D1,");
    }

    /** A district admin cannot make the service reach its own network: not by the address, nor by a redirect. */
    @Test
    void privateAddressesAndRedirectsAreNotFollowed() throws Exception {
        ApiHttp strict = new ApiHttp(new BearerToken("t"), waited::add, Clock.systemUTC());
        OneRosterRestPull pull = new OneRosterRestPull(strict, URI.create(server.baseUrl() + V1P1),
                OneRosterVersion.V1_1, 100);
        assertThatThrownBy(() -> pull.pullInto(folder)).isInstanceOfSatisfying(ApiFailure.class, e -> {
            assertThat(e.getMessage()).contains("private or local address");
            assertThat(e.hint()).contains("allow-private-hosts");
        });
        assertThat(server.getAllServeEvents()).as("no request sent").isEmpty();

        emptyCollections(V1P1);
        server.stubFor(get(urlPathEqualTo(V1P1 + "/orgs")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
        assertThatThrownBy(() -> pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 100).pullInto(folder))
                .isInstanceOf(ApiFailure.class).hasMessageContaining("elsewhere (HTTP 302, to http://169.254.169.254");
    }

    /** Found by review: a server that caps its pages below what was asked for is read to its X-Total-Count. */
    @Test
    void aServerThatCapsItsPagesIsReadToItsTotal() throws Exception {
        emptyCollections(V1P1);
        for (int offset = 0; offset < 250; offset += 100) {
            StringBuilder page = new StringBuilder("{\"users\": [");
            for (int i = offset; i < Math.min(250, offset + 100); i++) {
                page.append(i == offset ? "" : ",").append("{\"sourcedId\":\"u").append(i)
                        .append("\",\"role\":\"student\",\"username\":\"s").append(i).append("\"}");
            }
            server.stubFor(get(urlPathEqualTo(V1P1 + "/users")).withQueryParam("offset", equalTo(Integer.toString(offset)))
                    .willReturn(json(page.append("]}").toString()).withHeader("X-Total-Count", "250")));
        }
        assertThat(pull(new BearerToken("t"), OneRosterVersion.V1_1, V1P1, 1000).pullInto(folder).rows())
                .containsEntry("users.csv", 250L);
    }
}
