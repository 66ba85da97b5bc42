package io.rostersync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestService;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.intake.Intakes;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every console page against every kind of caller, from {@code web/console-pages.tsv}: what each
 * gets, and that a page shown renders as a page (never a stack trace), and a refusal says why.
 */
@Tag("database")
class ConsolePagesTest {

    private static final String PASSWORD = "console pages password long";
    private static final List<String> CALLERS = List.of("anonymous", "pages-a-admin", "pages-a-school",
            "pages-b-admin");
    private static TestService service;
    private static final Map<String, String> PLACES = new HashMap<>();
    private static final Map<String, ConsoleClient> BROWSERS = new HashMap<>();

    @TempDir
    static Path work;

    @BeforeAll
    static void districts() throws Exception {
        service = TestService.shared();
        Path zip = RosterGenerator.generate(GeneratorOptions.of(80), work.resolve("a.zip")).output();
        RunReport run = new Syncs(service.dataSource(), service.bean(io.rostersync.storage.SecretBox.class)).sync(Syncs.Request.of("pages-a", zip));
        Districts districts = new Districts(service.dataSource());
        long a = districts.find("pages-a").orElseThrow().id();
        long b = districts.findOrCreate("pages-b").id();
        JdbcClient jdbc = JdbcClient.create(service.dataSource());
        List<Long> schools = jdbc.sql("SELECT id FROM school WHERE district_id = ? ORDER BY id").param(a)
                .query(Long.class).list();
        long school = schools.get(0);
        long otherSchool = schools.get(1);
        PLACES.put("{school}", Long.toString(school));
        PLACES.put("{otherSchool}", Long.toString(otherSchool));
        PLACES.put("{run}", Long.toString(run.run()));
        PLACES.put("{drop}", Long.toString(new Intakes(service.dataSource()).record(a, "upload",
                List.of("users.csv"), 1, "pages-a", work).id()));
        String classroomAt = "SELECT min(id) FROM classroom WHERE district_id = ? AND school_id = ?";
        PLACES.put("{classroom}", jdbc.sql(classroomAt).params(a, school).query(Long.class).single().toString());
        PLACES.put("{elsewhereClassroom}", jdbc.sql(classroomAt).params(a, otherSchool).query(Long.class).single()
                .toString());
        String studentAt = """
                SELECT min(p.id) FROM person p JOIN person_role r ON r.district_id = p.district_id AND r.person_id = p.id
                WHERE p.district_id = ? AND r.role = 'student' AND r.school_id = ?
                  AND NOT EXISTS (SELECT 1 FROM person_role o WHERE o.district_id = p.district_id
                                  AND o.person_id = p.id AND o.school_id <> r.school_id)""";
        PLACES.put("{person}", jdbc.sql(studentAt).params(a, school).query(Long.class).single().toString());
        PLACES.put("{elsewherePerson}", jdbc.sql(studentAt).params(a, otherSchool).query(Long.class).single()
                .toString());
        // a guardian (made by hand) of a child at each school: each school admin sees one child
        try (io.rostersync.directory.DirectoryTransaction tx = new io.rostersync.directory.DirectoryStore(
                service.dataSource()).begin(a)) {
            io.rostersync.directory.HandMadeRecords records = io.rostersync.directory.HandMadeRecords.in(tx);
            long guardian = records.addPerson(io.rostersync.directory.HandMadePerson.named("Pat", "Twoschools"),
                    "guardian", null);
            records.linkGuardian(guardian, Long.parseLong(PLACES.get("{person}")), "guardian");
            records.linkGuardian(guardian, Long.parseLong(PLACES.get("{elsewherePerson}")), "guardian");
            long handMade = records.addPerson(io.rostersync.directory.HandMadePerson.named("Kim", "Byhand")
                    .asStudent("04", null, "kbyhand"), "student", school);
            tx.commit();
            PLACES.put("{guardian}", Long.toString(guardian));
            PLACES.put("{handStudent}", Long.toString(handMade));
        }
        AdminAccounts accounts = new AdminAccounts(service.dataSource());
        accounts.create(a, "pages-a-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of());
        PLACES.put("{schoolAdmin}", Long.toString(accounts.create(a, "pages-a-school", PASSWORD,
                AdminRole.SCHOOL_ADMIN, List.of(school)).id()));
        accounts.create(b, "pages-b-admin", PASSWORD, AdminRole.DISTRICT_ADMIN, List.of());
        BROWSERS.put("anonymous", new ConsoleClient(service));
        for (String caller : CALLERS.subList(1, CALLERS.size())) {
            BROWSERS.put(caller, new ConsoleClient(service).signIn(caller, PASSWORD));
        }
    }

    @org.junit.jupiter.api.Test
    void aSchoolAdminSeesOfAGuardianOnlyTheChildrenAtTheirSchools() throws Exception {
        JdbcClient jdbc = JdbcClient.create(service.dataSource());
        String here = jdbc.sql("SELECT given_name || ' ' || family_name FROM person WHERE id = ?")
                .param(Long.parseLong(PLACES.get("{person}"))).query(String.class).single();
        String elsewhere = jdbc.sql("SELECT given_name || ' ' || family_name FROM person WHERE id = ?")
                .param(Long.parseLong(PLACES.get("{elsewherePerson}"))).query(String.class).single();
        String path = "/console/people/" + PLACES.get("{guardian}");
        assertThat(BROWSERS.get("pages-a-admin").get(path).body()).contains(here, elsewhere);
        HttpResponse<String> school = BROWSERS.get("pages-a-school").get(path);
        assertThat(school.statusCode()).isEqualTo(200);
        assertThat(school.body()).contains(here).doesNotContain(elsewhere);
    }

    /** The roster API's settings set whole pulls every so often, and refuse an interval that leaves none between. */
    @org.junit.jupiter.api.Test
    void theRosterApiSettingsReadTheWholeRosterEverySoOften() throws Exception {
        ConsoleClient admin = BROWSERS.get("pages-a-admin");
        long district = new Districts(service.dataSource()).find("pages-a").orElseThrow().id();
        String form = "provider=oneroster&baseUrl=" + java.net.URLEncoder.encode("http://127.0.0.1:1/ims/oneroster/v1p1",
                java.nio.charset.StandardCharsets.UTF_8) + "&version=1.1&auth=bearer&secret=s&pullEveryMinutes=60";
        try {
            HttpResponse<String> saved = admin.post("/console/roster-api", form + "&fullPullEveryHours=24&_csrf="
                    + admin.csrf("/console/sftp"));
            assertThat(saved.statusCode()).isEqualTo(302);
            assertThat(admin.get("/console/sftp").body()).containsPattern(
                    "name=\"fullPullEveryHours\" type=\"number\" min=\"1\" max=\"168\"\\s+value=\"24\"");
            HttpResponse<String> refused = admin.post("/console/roster-api", form + "&fullPullEveryHours=1&_csrf="
                    + admin.csrf("/console/sftp"));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("leaves no pull for changes only");
        } finally {
            new io.rostersync.intake.RosterApis(service.dataSource(), io.rostersync.TestSecrets.BOX).delete(district);
        }
    }

    /** A run's page, the runs list and the records it made say where its drop came from. */
    @org.junit.jupiter.api.Test
    void aRunAndTheRecordsItMadeSayWhereTheyCameFrom() throws Exception {
        Intakes intakes = new Intakes(service.dataSource());
        long district = new Districts(service.dataSource()).find("pages-a").orElseThrow().id();
        Intakes.Intake pulled = intakes.record(district, "api", "Clever (api.clever.com)", List.of("users.csv"), 1,
                "pulled-from-clever", work);
        intakes.finish(pulled, "synced", Long.parseLong(PLACES.get("{run}")), null);
        ConsoleClient admin = BROWSERS.get("pages-a-admin");
        try {
            assertThat(admin.get("/console/runs/" + PLACES.get("{run}")).body())
                    .contains("Drop " + pulled.id() + "</a>, from <span>Clever (api.clever.com)</span>");
            assertThat(admin.get("/console/runs").body()).contains("<td>Clever (api.clever.com)</td>");
            assertThat(admin.get("/console/people/" + PLACES.get("{person}")).body())
                    .contains("<span>of Clever (api.clever.com)</span>");
            assertThat(admin.get("/console/classrooms/" + PLACES.get("{classroom}")).body())
                    .contains("<span> from Clever (api.clever.com)</span>");
        } finally {
            // not a drop that was read: the matrix's self-check finds none
            intakes.finish(pulled, "failed", null, "a test's drop");
        }
        assertThat(admin.get("/console/runs/" + PLACES.get("{run}")).body()).as("a control: no drop, no source")
                .doesNotContain("Clever").contains("files synced from the command line");
    }

    static Stream<Arguments> matrix() {
        return io.rostersync.TestTables.rows("/web/console-pages.tsv").stream().flatMap(c -> IntStream
                .range(0, CALLERS.size()).mapToObj(i -> Arguments.of(c[0], c[1], CALLERS.get(i),
                        Integer.parseInt(c[2 + i]))));
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @MethodSource("matrix")
    void eachCallerGetsWhatTheMatrixSays(String method, String path, String caller, int expected) throws Exception {
        ConsoleClient browser = BROWSERS.get(caller);
        String filled = path;
        for (Map.Entry<String, String> place : PLACES.entrySet()) {
            filled = filled.replace(place.getKey(), place.getValue());
        }
        HttpResponse<String> response;
        if (method.equals("GET")) {
            response = browser.get(filled);
        } else {
            String[] pathAndForm = filled.split("\\|", 2);
            String form = pathAndForm[1];
            if (!caller.equals("anonymous")) {
                form = (form.isEmpty() ? "" : form + "&") + "_csrf=" + browser.csrf("/console");
            }
            response = browser.post(pathAndForm[0], form);
        }
        assertThat(response.statusCode()).as("%s %s as %s: %s", method, filled, caller, response.body())
                .isEqualTo(expected);
        if (expected == 302 && caller.equals("anonymous")) {
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                    .endsWith("/console/sign-in"));
        } else if (expected == 302) {
            // a form that was taken goes back to its page, not to the sign-in
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                    .contains("/console/").doesNotContain("/console/sign-in"));
        } else if (!caller.equals("anonymous")) {
            assertThat(response.body()).as("a page, never a stack trace").contains("<main id=\"main\"")
                    .doesNotContain("Exception", "at io.rostersync");
            if (expected >= 400) {
                assertThat(response.body()).containsAnyOf("<h1>Not found</h1>", "<h1>Not allowed</h1>",
                        "<h1>Not possible</h1>");
            }
        }
    }
}
