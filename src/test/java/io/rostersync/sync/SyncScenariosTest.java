package io.rostersync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SettingsStore;
import io.rostersync.settings.SyncSettings;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Day-1/day-2 scenarios: a small district synced, changed the way real SIS exports change, and
 * synced again; each test is its own district in one database.
 */
@Tag("database")
class SyncScenariosTest {

    private static final AtomicInteger DISTRICTS = new AtomicInteger();
    private static Database db;
    private static Syncs syncs;
    private static JdbcClient jdbc;

    @TempDir
    Path temp;
    private String district;
    private int drops;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("sync_scenarios");
        syncs = new Syncs(db.dataSource(), io.rostersync.TestSecrets.BOX);
        jdbc = JdbcClient.create(db.dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void newDistrict() {
        district = "district-" + DISTRICTS.incrementAndGet();
    }

    private RunReport sync(ScenarioPackage files) {
        return syncs.sync(Syncs.Request.of(district, files.write(temp.resolve("drop-" + ++drops))));
    }

    private RunReport sync(ScenarioPackage files, boolean dryRun) {
        return syncs.sync(Syncs.Request.of(district, files.write(temp.resolve("drop-" + ++drops))).withDryRun(dryRun));
    }

    /** The package without these users and their enrollments: students who left. */
    private static ScenarioPackage leavers(ScenarioPackage p, String... users) {
        p.remove("users", users);
        for (String user : users) {
            p.removeWhere("enrollments", "userSourcedId", user);
        }
        return p;
    }

    private long districtId() {
        return jdbc.sql("SELECT id FROM district WHERE slug = ?").param(district).query(Long.class).single();
    }

    /** A person by one of their source ids: column → value, with roles as role@school-name. */
    private Map<String, Object> person(String sourcedId) {
        return jdbc.sql("""
                SELECT p.*, (SELECT string_agg(r.role || '@' || coalesce(s.name, 'district'), ',' ORDER BY r.role, s.name)
                             FROM person_role r LEFT JOIN school s ON s.district_id = r.district_id AND s.id = r.school_id
                             WHERE r.district_id = p.district_id AND r.person_id = p.id) AS roles
                FROM source_link l JOIN person p ON p.district_id = l.district_id AND p.id = l.local_id
                WHERE l.district_id = ? AND l.kind = 'person' AND l.sourced_id = ?""")
                .params(districtId(), sourcedId).query().singleRow();
    }

    private boolean linked(String sourcedId) {
        return jdbc.sql("SELECT count(*) FROM source_link WHERE district_id = ? AND sourced_id = ?")
                .params(districtId(), sourcedId).query(Long.class).single() > 0;
    }

    private Map<String, Object> classroom(String sourcedId) {
        return jdbc.sql("""
                SELECT c.*, array_to_string(c.terms, ',') AS term_names, s.name AS school FROM source_link l JOIN classroom c ON c.district_id = l.district_id
                  AND c.id = l.local_id JOIN school s ON s.district_id = c.district_id AND s.id = c.school_id
                WHERE l.district_id = ? AND l.kind = 'classroom' AND l.sourced_id = ?""")
                .params(districtId(), sourcedId).query().singleRow();
    }

    /** The members of a class as user sourcedId:role, sorted. */
    private List<String> members(String classSourcedId) {
        return jdbc.sql("""
                SELECT min(pl.sourced_id) || ':' || m.role FROM source_link cl
                JOIN classroom_member m ON m.district_id = cl.district_id AND m.classroom_id = cl.local_id
                JOIN source_link pl ON pl.district_id = m.district_id AND pl.kind = 'person' AND pl.local_id = m.person_id
                WHERE cl.district_id = ? AND cl.kind = 'classroom' AND cl.sourced_id = ?
                GROUP BY m.person_id, m.role ORDER BY 1""").params(districtId(), classSourcedId).query(String.class).list();
    }

    /** Guardian links as guardian→student:relationship, sorted. */
    private List<String> guardianLinks() {
        return jdbc.sql("""
                SELECT (SELECT min(sourced_id) FROM source_link WHERE district_id = g.district_id AND kind = 'person'
                          AND local_id = g.guardian_id) || '>' ||
                       (SELECT min(sourced_id) FROM source_link WHERE district_id = g.district_id AND kind = 'person'
                          AND local_id = g.student_id) || ':' || g.relationship
                FROM guardian_link g WHERE g.district_id = ? ORDER BY 1""").param(districtId()).query(String.class).list();
    }

    /** Everything a sync writes in the directory, as text, to compare states. */
    private String dump() {
        long id = districtId();
        StringBuilder b = new StringBuilder();
        for (String sql : List.of(
                "SELECT id, name, managed_by, state, edited_fields FROM school WHERE district_id = ? ORDER BY id",
                "SELECT org_sourced_id, school_id FROM school_source_id WHERE district_id = ? ORDER BY 1",
                "SELECT id, kind, given_name, family_name, email, sms_phone, home_phone, grade, student_number, username,"
                        + " birth_key, managed_by, state, removal_due_at FROM person WHERE district_id = ? ORDER BY id",
                "SELECT person_id, role, school_id, managed_by FROM person_role WHERE district_id = ? ORDER BY 1, 2, 3",
                "SELECT kind, sourced_id, local_id FROM source_link WHERE district_id = ? ORDER BY 1, 2",
                "SELECT guardian_id, student_id, relationship, managed_by FROM guardian_link WHERE district_id = ? ORDER BY 1, 2",
                "SELECT id, school_id, title, code, grades, periods, terms, managed_by, state, removal_due_at"
                        + " FROM classroom WHERE district_id = ? ORDER BY id",
                "SELECT classroom_id, person_id, role, is_primary, managed_by FROM classroom_member WHERE district_id = ?"
                        + " ORDER BY 1, 2, 3")) {
            b.append(sql, 0, 40).append('\n');
            jdbc.sql(sql).param(id).query().listOfRows().forEach(row -> b.append(row.values()).append('\n'));
        }
        return b.toString();
    }

    private void settings(SyncSettings settings) {
        new SettingsStore(db.dataSource()).save(districtId(), settings);
    }

    @Test
    void aFirstSyncCreatesTheDistrictsDirectory() {
        RunReport run = sync(ScenarioPackage.district());
        assertThat(run.status()).isEqualTo(RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(run.counts(EntityKind.SCHOOLS).created()).isEqualTo(2);
        assertThat(run.counts(EntityKind.STUDENTS).created()).isEqualTo(8);
        assertThat(run.counts(EntityKind.STAFF).created()).isEqualTo(2);
        assertThat(run.counts(EntityKind.GUARDIANS).created()).as("u-g4 has neither email nor SMS").isEqualTo(3);
        assertThat(run.counts(EntityKind.CLASSROOMS).created()).isEqualTo(3);
        assertThat(run.counts(EntityKind.ENROLLMENTS).created()).isEqualTo(12);
        assertThat(run.skips()).isEqualTo(1);
        assertThat(run.directory().get(EntityKind.STUDENTS)).isEqualTo(new RunReport.Totals(8, 0));
        assertThat(person("u-s1")).containsEntry("family_name", "Okafor").containsEntry("student_number", "1001")
                .containsEntry("grade", "04").containsEntry("kind", "students").containsEntry("roles",
                        "student@Birchwood Elementary").containsEntry("managed_by", "oneroster");
        assertThat(classroom("k-alg1")).containsEntry("title", "Algebra I - Period 1").containsEntry("code", "ALG1-01")
                .containsEntry("school", "Cedar Falls High");
        assertThat(members("k-bio")).containsExactly("u-s7:student", "u-s8:student", "u-t2:teacher");
        assertThat(guardianLinks()).containsExactly("u-g1>u-s1:parent", "u-g1>u-s2:parent", "u-g2>u-s5:guardian",
                "u-g3>u-s6:relative");
    }

    /** The fixture with a bulk demographics.csv giving these students (sourcedId, date, ...) their birth dates. */
    private static ScenarioPackage withBirthDates(String... idsAndDates) {
        ScenarioPackage p = ScenarioPackage.district().set("manifest", "file.demographics", "value", "bulk")
                .withFile("demographics", "sourcedId", "status", "dateLastModified", "birthDate", "sex");
        for (int i = 0; i < idsAndDates.length; i += 2) {
            p.add("demographics", idsAndDates[i], "", "", idsAndDates[i + 1], "female");
        }
        return p;
    }

    private String birthKey(String date) {
        return io.rostersync.TestSecrets.BOX.birthDateKey(districtId()).apply(java.time.LocalDate.parse(date));
    }

    /**
     * A student's birth date is kept as its key, never as the date: from a bulk demographics.csv, and
     * from its kept copy alike; a package without demographics leaves the keys as they are, and a bulk
     * one that no longer has a student's row takes theirs away.
     */
    @Test
    void birthDatesAreKeptAsKeysOnlyAndOnlyForStudents() throws Exception {
        RunReport first = sync(withBirthDates("u-s1", "2016-05-01", "u-s2", "2016-11-30", "u-t1", "1980-01-01"));
        assertThat(first.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(person("u-s1")).containsEntry("birth_key", birthKey("2016-05-01"));
        assertThat(person("u-s2")).containsEntry("birth_key", birthKey("2016-11-30"));
        assertThat(person("u-s3").get("birth_key")).as("no row, no key").isNull();
        assertThat(person("u-t1").get("birth_key")).as("staff: not needed, not kept").isNull();
        for (String table : List.of("person", "run_problem", "run_change")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " t WHERE district_id = ? AND t::text ~ '2016-05-01|1980-01'")
                    .param(districtId()).query(Long.class).single()).as("the dates themselves are not in " + table).isZero();
        }

        String before = dump();
        RunReport again = sync(withBirthDates("u-s1", "2016-05-01", "u-s2", "2016-11-30", "u-t1", "1980-01-01"));
        assertThat(again.changes()).isZero();
        RunReport without = sync(ScenarioPackage.district());
        assertThat(without.changes()).as("not sent: kept as they are").isZero();
        assertThat(dump()).isEqualTo(before);

        Path sent = withBirthDates("u-s1", "2016-05-01", "u-s2", "2016-11-30").write(temp.resolve("sent"));
        Path kept = temp.resolve("kept");
        io.rostersync.oneroster.PackageCleaner.clean(sent, kept,
                io.rostersync.TestSecrets.BOX.birthDateKey(districtId()));
        assertThat(Files.readString(kept.resolve("demographics.csv"))).doesNotContain("2016");
        RunReport fromKept = syncs.sync(Syncs.Request.of(district, kept));
        assertThat(fromKept.changes()).as("the kept copy's keys are the dates' keys").isZero();

        RunReport changed = sync(withBirthDates("u-s1", "2016-05-02"));
        assertThat(changed.counts(EntityKind.STUDENTS).updated()).isEqualTo(2);
        assertThat(person("u-s1")).containsEntry("birth_key", birthKey("2016-05-02"));
        assertThat(person("u-s2").get("birth_key")).as("a bulk file without their row").isNull();
        StringWriter csv = new StringWriter();
        syncs.exportCsv(district, changed.run(), csv);
        assertThat(csv.toString()).as("the report says a date changed, never its key").contains("birth_key")
                .contains("(another birth date)").doesNotContain(birthKey("2016-05-02"))
                .doesNotContain(birthKey("2016-05-01"));
    }

    /**
     * A bulk demographics.csv the reader could not read whole (a row refused, a quote left open) does
     * not speak for the students it does not list: their dates stay. A delta file's tobedeleted row
     * withdraws a date; a date with spaces around it is read, and never quoted.
     */
    @Test
    void aDamagedDemographicsFileTakesNoDateAwayAndADeltaOneWithdrawsOne() throws Exception {
        sync(withBirthDates("u-s1", "2016-05-01", "u-s2", "2016-11-30", "u-s3", "2016-02-29"));
        RunReport damaged = sync(withBirthDates("u-s1", "2016-05-01", "u-s2", "2016-11-30", "u-t1", "1980-01-01",
                "u-t1", "1980-01-02")); // a teacher's, twice: refused rows, and no student's date among them
        assertThat(damaged.problems()).extracting(p -> p.code().name()).contains("DUPLICATE_SOURCED_ID");
        assertThat(damaged.changes()).as("refused rows make no absence: u-s3 keeps their date").isZero();
        assertThat(person("u-s3")).containsEntry("birth_key", birthKey("2016-02-29"));

        RunReport spaced = sync(withBirthDates("u-s1", " 2016-05-01 ", "u-s2", "2016-11-30", "u-s3", "2016-02-29"));
        assertThat(spaced.changes()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM run_problem WHERE district_id = ? AND message LIKE '%2016%'")
                .param(districtId()).query(Long.class).single()).as("no date quoted").isZero();

        ScenarioPackage delta = ScenarioPackage.district().set("manifest", "file.demographics", "value", "delta")
                .withFile("demographics", "sourcedId", "status", "dateLastModified", "birthDate", "sex");
        delta.add("demographics", "u-s2", "tobedeleted", "2026-11-30T00:00:00Z", "", "");
        RunReport withdrawn = sync(delta);
        assertThat(withdrawn.counts(EntityKind.STUDENTS).updated()).isEqualTo(1);
        assertThat(person("u-s2").get("birth_key")).isNull();
        assertThat(person("u-s1")).as("a delta file speaks for its rows only").containsEntry("birth_key",
                birthKey("2016-05-01"));
    }

    /** A process with another secret key would key every birth date apart: it is refused before it does. */
    @Test
    void aSyncWithAnotherInstallationKeyIsRefusedAndChangesNothing() {
        sync(withBirthDates("u-s1", "2016-05-01"));
        String before = dump();
        Syncs otherKey = new Syncs(db.dataSource(), io.rostersync.storage.SecretBox.withRandomKey());
        assertThatThrownBy(() -> otherKey.sync(Syncs.Request.of(district, withBirthDates("u-s1", "2016-05-01")
                .write(temp.resolve("drop-other-key"))))).isInstanceOf(io.rostersync.storage.InstallationKey
                        .MismatchException.class).hasMessageContaining("ROSTERSYNC_SECRET_KEY");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void theSameFilesTwiceChangeNothing() {
        RunReport first = sync(ScenarioPackage.district());
        String before = dump();
        RunReport again = sync(ScenarioPackage.district());
        assertThat(again.changes()).isZero();
        assertThat(again.counts(EntityKind.STUDENTS).unchanged()).isEqualTo(8);
        assertThat(again.counts(EntityKind.ENROLLMENTS).unchanged()).isEqualTo(12);
        assertThat(again.counts(EntityKind.CLASSROOMS).unchanged()).isEqualTo(3);
        assertThat(dump()).isEqualTo(before);
        // the same files are not planned again; planned in full, they report the same
        RunReport replanned = syncs.sync(Syncs.Request.of(district, ScenarioPackage.district()
                .write(temp.resolve("drop-" + ++drops))).withReplan(true));
        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(replanned.status());
        assertThat(again.counts()).isEqualTo(replanned.counts());
        assertThat(again.directory()).isEqualTo(replanned.directory());
        assertThat(skips(again.run())).isEqualTo(skips(first.run())).isEqualTo(skips(replanned.run())).isNotEmpty();
        assertThat(dump()).isEqualTo(before);
    }

    /** A run's skips as kind, sourcedId, why, setting, file and line. */
    private List<String> skips(long run) {
        return jdbc.sql("SELECT concat_ws('|', kind, sourced_id, why, setting, file, line) FROM run_skip"
                + " WHERE district_id = ? AND run_id = ? ORDER BY seq").params(districtId(), run).query(String.class)
                .list();
    }

    @Test
    void theSameFilesAgainArchiveARecordWhoseGracePeriodEnded() {
        sync(ScenarioPackage.district());
        settings(SyncSettings.defaults().withGracePeriod(Duration.ofDays(7)));
        sync(leavers(ScenarioPackage.district(), "u-s3"));
        assertThat(person("u-s3")).containsEntry("state", "pending_removal");
        // a week goes by: the directory is not written, only the clock moves on
        jdbc.sql("UPDATE person SET removal_due_at = now() - interval '1 hour' WHERE district_id = ? AND id = ?")
                .params(districtId(), person("u-s3").get("id")).update();
        RunReport later = sync(leavers(ScenarioPackage.district(), "u-s3"));
        assertThat(later.counts(EntityKind.STUDENTS).archived()).isEqualTo(1);
        assertThat(person("u-s3")).containsEntry("state", "archived");
    }

    @Test
    void filesThatChangedOnlyInTheirOrderArePlannedAgainAndChangeNothing() {
        sync(ScenarioPackage.district());
        String before = dump();
        ScenarioPackage shuffled = ScenarioPackage.district();
        shuffled.reverse("enrollments");
        RunReport again = sync(shuffled);
        assertThat(again.changes()).isZero();
        assertThat(again.counts(EntityKind.ENROLLMENTS).unchanged()).isEqualTo(12);
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void aStudentWhoLeftIsArchivedWithTheirEnrollments() {
        sync(ScenarioPackage.district());
        RunReport run = sync(ScenarioPackage.district().remove("users", "u-s3").removeWhere("enrollments", "userSourcedId", "u-s3"));
        assertThat(run.status()).isEqualTo(RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(run.counts(EntityKind.STUDENTS).archived()).isEqualTo(1);
        assertThat(run.counts(EntityKind.ENROLLMENTS).archived()).isEqualTo(1);
        assertThat(person("u-s3")).containsEntry("state", "archived");
        assertThat(members("k-hr4")).doesNotContain("u-s3:student");
        assertThat(run.directory().get(EntityKind.STUDENTS)).isEqualTo(new RunReport.Totals(7, 1));
    }

    @Test
    void aRenameIsAnUpdateWithBeforeAndAfterInTheReport() {
        sync(ScenarioPackage.district());
        RunReport run = sync(ScenarioPackage.district().set("users", "u-s1", "familyName", "Okafor-Eze"));
        assertThat(run.counts(EntityKind.STUDENTS).updated()).isEqualTo(1);
        assertThat(run.changes()).isEqualTo(1);
        assertThat(person("u-s1")).containsEntry("family_name", "Okafor-Eze");
        StringWriter csv = new StringWriter();
        syncs.exportCsv(district, run.run(), csv);
        assertThat(csv.toString()).contains("change,update,students,").contains("users.csv,4,")
                .contains("Okafor-Eze").contains("\"\"before\"\": \"\"Okafor\"\"");
    }

    /**
     * The district moves from its SIS's CSV to Clever (or the SIS renumbers everyone): the same people
     * under new ids keep their records, linked to the new ids by student number or email, and their
     * names (a guardian without either: as the guardian of the same name of their student); nobody is
     * archived or made twice; the old ids no longer name them. Moving back finds them the same way.
     */
    @Test
    void peopleUnderNewIdsKeepTheirRecordsAcrossASwitchOfSource() {
        sync(ScenarioPackage.district());
        long student = ((Number) person("u-s1").get("id")).longValue();
        long teacher = ((Number) person("u-t1").get("id")).longValue();
        long guardian = ((Number) person("u-g1").get("id")).longValue();
        long lena = ((Number) person("u-g3").get("id")).longValue();
        List<String> guardiansBefore = guardianLinksByRecord();

        RunReport switched = sync(ScenarioPackage.district().renameUsers(id -> "clever-" + id));
        for (EntityKind kind : List.of(EntityKind.STUDENTS, EntityKind.STAFF)) {
            assertThat(switched.counts(kind).created()).as(kind + " created").isZero();
            assertThat(switched.counts(kind).archived()).as(kind + " archived").isZero();
        }
        assertThat(switched.status()).as("not held: nobody leaves").isIn(RunStatus.APPLIED,
                RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(person("clever-u-s1")).containsEntry("id", student);
        assertThat(person("clever-u-t1")).containsEntry("id", teacher);
        assertThat(person("clever-u-g1")).containsEntry("id", guardian);
        assertThat(linked("u-s1")).as("the old id names no one: the SIS may give it to someone else").isFalse();
        assertThat(members("k-hr4")).contains("clever-u-s1:student");
        // Lena Jones, a relative known only by her phone: the guardian of the same name of the student she names
        assertThat(switched.counts(EntityKind.GUARDIANS).created()).as("guardians created").isZero();
        assertThat(switched.counts(EntityKind.GUARDIANS).archived()).as("guardians archived").isZero();
        assertThat(person("clever-u-g3")).containsEntry("id", lena);
        assertThat(guardianLinksByRecord()).as("the same guardian links of the same records")
                .isEqualTo(guardiansBefore);

        RunReport back = sync(ScenarioPackage.district());
        for (EntityKind kind : List.of(EntityKind.STUDENTS, EntityKind.STAFF, EntityKind.GUARDIANS)) {
            assertThat(back.counts(kind).created()).as(kind + " created on the way back").isZero();
            assertThat(back.counts(kind).archived()).as(kind + " archived on the way back").isZero();
        }
        assertThat(person("u-s1")).containsEntry("id", student);
        assertThat(linked("clever-u-s1")).isFalse();
    }

    /**
     * Clever's section ids are not the SIS's either: a class under a new id is the classroom of a class
     * no longer sent when the school, the title, the terms and every teacher and student are the same (the
     * people as they moved), and only then. The classroom keeps its id and members; the old id names
     * nothing. (A term rollover, whose classes have another term, is {@code aTermRollover...}.)
     */
    @Test
    void classroomsUnderNewIdsKeepTheirRecordsWhenEverythingButTheIdIsTheSame() {
        sync(ScenarioPackage.district());
        long homeroom = ((Number) classroom("k-hr4").get("id")).longValue();
        long algebra = ((Number) classroom("k-alg1").get("id")).longValue();
        long biology = ((Number) classroom("k-bio").get("id")).longValue();

        // every user and class under Clever's ids; Biology also lost a student the same day
        RunReport switched = sync(ScenarioPackage.district().renameUsers(id -> "clever-" + id)
                .renameClasses(id -> "clever-" + id).remove("enrollments", "e12"));
        assertThat(((Number) classroom("clever-k-hr4").get("id")).longValue()).isEqualTo(homeroom);
        assertThat(((Number) classroom("clever-k-alg1").get("id")).longValue()).isEqualTo(algebra);
        assertThat(members("clever-k-hr4")).containsExactly("clever-u-s1:student", "clever-u-s2:student",
                "clever-u-s3:student", "clever-u-s4:student", "clever-u-t1:teacher");
        assertThat(linked("k-hr4")).as("the old id names no classroom").isFalse();
        assertThat(linked("k-alg1")).isFalse();
        assertThat(((Number) classroom("clever-k-bio").get("id")).longValue()).as("not the same students: new")
                .isNotEqualTo(biology);
        assertThat(switched.counts(EntityKind.CLASSROOMS).created()).isEqualTo(1);
        assertThat(switched.counts(EntityKind.ENROLLMENTS).created()).as("only Biology's members, in the new one")
                .isEqualTo(2);
        assertThat(switched.counts(EntityKind.ENROLLMENTS).archived()).as("Biology's old members wait with it")
                .isZero();
        assertThat(jdbc.sql("SELECT op || ':' || sourced_id || ':' || coalesce(detail->>'rule', '') FROM run_change"
                + " WHERE district_id = ? AND run_id = ? AND kind = 'classrooms' AND local_id = ? AND op LIKE '%link'"
                + " ORDER BY 1").params(districtId(), switched.run(), homeroom).query(String.class).list())
                .as("journaled, for the record's history and undo")
                .containsExactly("link:clever-k-hr4:SAME_CLASS", "unlink:k-hr4:");

        RunReport undo = syncs.undo(district, switched.run());
        assertThat(undo.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(((Number) classroom("k-hr4").get("id")).longValue()).isEqualTo(homeroom);
        assertThat(linked("clever-k-hr4")).isFalse();
    }

    /**
     * A year's new sections with the same title, teacher, children and term title ("Full Year" every
     * year) are new classrooms: nobody moved to a new record, so it is no switch of source.
     */
    @Test
    void aNewYearsSectionsAreNotTakenForLastYearsClassroomsHoweverAlike() {
        sync(ScenarioPackage.district());
        long homeroom = ((Number) classroom("k-hr4").get("id")).longValue();
        RunReport year = sync(ScenarioPackage.district().renameClasses(id -> id + "-2027"));
        assertThat(year.counts(EntityKind.CLASSROOMS).created()).isEqualTo(3);
        assertThat(((Number) classroom("k-hr4-2027").get("id")).longValue()).isNotEqualTo(homeroom);
        assertThat(linked("k-hr4")).as("last year's classroom keeps its class").isTrue();
    }

    /**
     * A new class beside the old one still sent (a term's new sections) is a new classroom, however
     * alike: only a class the full file leaves out is taken over.
     */
    @Test
    void aNewClassIsNotTakenForAClassroomWhoseClassIsStillSent() {
        sync(ScenarioPackage.district());
        long homeroom = ((Number) classroom("k-hr4").get("id")).longValue();
        RunReport term = sync(ScenarioPackage.district().copy("classes", "k-hr4", "k-hr4-spring")
                .copy("enrollments", "e1", "e1s", "classSourcedId", "k-hr4-spring")
                .copy("enrollments", "e2", "e2s", "classSourcedId", "k-hr4-spring")
                .copy("enrollments", "e3", "e3s", "classSourcedId", "k-hr4-spring")
                .copy("enrollments", "e4", "e4s", "classSourcedId", "k-hr4-spring")
                .copy("enrollments", "e5", "e5s", "classSourcedId", "k-hr4-spring"));
        assertThat(term.counts(EntityKind.CLASSROOMS).created()).isEqualTo(1);
        assertThat(((Number) classroom("k-hr4-spring").get("id")).longValue()).isNotEqualTo(homeroom);
        assertThat(((Number) classroom("k-hr4").get("id")).longValue()).isEqualTo(homeroom);
    }

    /**
     * On an ordinary day, a guardian's record dropped and one of the same name added for the same child
     * is someone new (a custody change): only the guardians of a student who moved are taken over.
     */
    @Test
    void aGuardianOfTheSameNameIsNotTakenOverWhenTheirStudentDidNotMove() {
        sync(ScenarioPackage.district());
        long lena = ((Number) person("u-g3").get("id")).longValue();
        RunReport day = sync(ScenarioPackage.district().copy("users", "u-g3", "new-g3").remove("users", "u-g3"));
        assertThat(((Number) person("new-g3").get("id")).longValue()).isNotEqualTo(lena);
        assertThat(day.counts(EntityKind.GUARDIANS).created()).isEqualTo(1);
    }

    /** Guardian links as guardian record>student record:relationship, by the directory's ids. */
    private List<String> guardianLinksByRecord() {
        return jdbc.sql("SELECT guardian_id || '>' || student_id || ':' || relationship FROM guardian_link"
                + " WHERE district_id = ? ORDER BY 1").param(districtId()).query(String.class).list();
    }

    /**
     * A control: in the same switch, a new id without the student number and email that tie it to a
     * record is a new student, while the others keep theirs.
     */
    @Test
    void aNewIdWithoutWhatTiesItToARecordIsNotLinkedToIt() {
        sync(ScenarioPackage.district());
        long student = ((Number) person("u-s1").get("id")).longValue();
        long other = ((Number) person("u-s2").get("id")).longValue();
        RunReport renamed = sync(ScenarioPackage.district().renameUsers(id -> "clever-" + id)
                .set("users", "clever-u-s1", "identifier", "9991").set("users", "clever-u-s1", "email", ""));
        assertThat(person("clever-u-s2")).as("the others keep their records").containsEntry("id", other);
        assertThat(((Number) person("clever-u-s1").get("id")).longValue()).as("nothing ties the new id to the student")
                .isNotEqualTo(student);
        assertThat(renamed.counts(EntityKind.STUDENTS).created()).isEqualTo(1);
    }

    /** The old record still sent, or a delta file that speaks only for what it sends: a question, not a move. */
    @Test
    void aNewIdIsNotMovedOntoARecordThatIsStillSentOrOnlyUnsent() {
        sync(ScenarioPackage.district());
        long student = ((Number) person("u-s1").get("id")).longValue();
        // her number and name, not her email (a row with both would be her, twice: one person)
        sync(ScenarioPackage.district().copy("users", "u-s1", "clever-u-s1", "email", ""));
        assertThat(linked("clever-u-s1") && ((Number) person("clever-u-s1").get("id")).longValue() == student)
                .as("u-s1 is still sent: a second record with her number is a question").isFalse();
        assertThat(linked("u-s1")).isTrue();

        // a delta file of one row: her number and name under a new id, and not her old row
        ScenarioPackage delta = ScenarioPackage.district().mode("users", "delta").mode("enrollments", "delta")
                .copy("users", "u-s1", "clever-u-s1", "email", "", "status", "active",
                        "dateLastModified", "2026-11-30T06:00:00Z");
        delta.removeWhere("users", "status", "");
        delta.removeWhere("enrollments", "status", "");
        RunReport deltaRun = sync(delta);
        assertThat(deltaRun.counts(EntityKind.STUDENTS).created() + deltaRun.skips())
                .as("the row was read: a new student, or a question").isPositive();
        assertThat(linked("u-s1")).as("a delta file without her row says nothing of her record").isTrue();
        assertThat(person("u-s1")).containsEntry("id", student);
    }

    /** A student who left is not taken over by a new record with their number, even with their name. */
    @Test
    void aNewIdIsNotMovedOntoARecordThatIsArchived() {
        sync(ScenarioPackage.district());
        long student = ((Number) person("u-s3").get("id")).longValue();
        sync(leavers(ScenarioPackage.district(), "u-s3"));
        assertThat(person("u-s3")).containsEntry("state", "archived");
        sync(ScenarioPackage.district().renameUsers(id -> id.equals("u-s3") ? "new-u-s3" : id));
        assertThat(linked("u-s3")).as("the archived record keeps its link").isTrue();
        assertThat(linked("new-u-s3") && ((Number) person("new-u-s3").get("id")).longValue() == student).isFalse();
    }

    @Test
    void aStudentWhoChangesSchoolKeepsTheirRecord() {
        sync(ScenarioPackage.district());
        long id = ((Number) person("u-s4").get("id")).longValue();
        RunReport run = sync(ScenarioPackage.district().set("users", "u-s4", "orgSourcedIds", "s2")
                .set("users", "u-s4", "grades", "09").removeWhere("enrollments", "userSourcedId", "u-s4")
                .add("enrollments", "e13", "", "", "k-bio", "s2", "u-s4", "student", "false", "", ""));
        assertThat(run.counts(EntityKind.STUDENTS).updated()).isEqualTo(1);
        assertThat(person("u-s4")).containsEntry("id", id).containsEntry("roles", "student@Cedar Falls High")
                .containsEntry("grade", "09");
        assertThat(members("k-hr4")).doesNotContain("u-s4:student");
        assertThat(members("k-bio")).contains("u-s4:student");
    }

    @Test
    void aNewGuardianReplacesTheOldOne() {
        sync(ScenarioPackage.district());
        RunReport run = sync(ScenarioPackage.district().remove("users", "u-g2")
                .copy("users", "u-s5", "u-s5", "agentSourcedIds", "u-g5").remove("users", "u-s5")
                .add("users", "u-g5", "", "", "true", "s2", "guardian", "psmith", "", "Pat", "Smith", "", "",
                        "pat.smith@example.com", "", "", "u-s5", "", "")
                .add("users", "u-s5", "", "", "true", "s2", "student", "esmith", "{SIS:1005}", "Ella", "Smith", "",
                        "1005", "esmith@students.cedarfalls.example.org", "", "", "u-g5", "09", ""));
        assertThat(run.counts(EntityKind.GUARDIANS).created()).isEqualTo(1);
        assertThat(run.counts(EntityKind.GUARDIANS).archived()).isEqualTo(1);
        assertThat(person("u-g2")).containsEntry("state", "archived");
        assertThat(guardianLinks()).contains("u-g5>u-s5:guardian").doesNotContain("u-g2>u-s5:guardian");
    }

    @Test
    void aStudentWhoMovesClassIsRemovedFromOneAndAddedToTheOther() {
        sync(ScenarioPackage.district());
        RunReport run = sync(ScenarioPackage.district().set("enrollments", "e8", "classSourcedId", "k-bio"));
        assertThat(run.counts(EntityKind.ENROLLMENTS).created()).isEqualTo(1);
        assertThat(run.counts(EntityKind.ENROLLMENTS).archived()).isEqualTo(1);
        assertThat(members("k-alg1")).doesNotContain("u-s6:student");
        assertThat(members("k-bio")).contains("u-s6:student");
    }

    @Test
    void aTermRolloverArchivesLastTermsClassesAndCreatesTheNewOnes() {
        sync(ScenarioPackage.district());
        ScenarioPackage spring = ScenarioPackage.district();
        for (String k : List.of("k-hr4", "k-alg1", "k-bio")) {
            spring.copy("classes", k, k + "-s", "termSourcedIds", "t2").remove("classes", k);
        }
        for (int e = 1; e <= 12; e++) {
            String k = switch (e) {
                case 1, 2, 3, 4, 5 -> "k-hr4";
                case 6, 7, 8, 9 -> "k-alg1";
                default -> "k-bio";
            };
            spring.set("enrollments", "e" + e, "classSourcedId", k + "-s");
        }
        RunReport run = sync(spring);
        assertThat(run.status()).isEqualTo(RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(run.counts(EntityKind.CLASSROOMS).created()).isEqualTo(3);
        assertThat(run.counts(EntityKind.CLASSROOMS).archived()).isEqualTo(3);
        assertThat(classroom("k-alg1")).containsEntry("state", "archived");
        assertThat(classroom("k-alg1-s")).containsEntry("state", "active").containsEntry("term_names", "Spring 2027");
        assertThat(members("k-bio-s")).containsExactly("u-s7:student", "u-s8:student", "u-t2:teacher");
        assertThat(members("k-bio")).as("an archived classroom keeps its roster").hasSize(3);
    }

    @Test
    void aClassThatLeavesAndComesBackIsRestoredUnlessTheDistrictSaysNot() {
        sync(ScenarioPackage.district());
        RunReport gone = sync(ScenarioPackage.district().remove("classes", "k-bio").removeWhere("enrollments",
                "classSourcedId", "k-bio"));
        assertThat(gone.counts(EntityKind.CLASSROOMS).archived()).isEqualTo(1);
        RunReport back = sync(ScenarioPackage.district());
        assertThat(back.counts(EntityKind.CLASSROOMS).restored()).isEqualTo(1);
        assertThat(back.counts(EntityKind.CLASSROOMS).unchanged()).isEqualTo(2);
        assertThat(classroom("k-bio")).containsEntry("state", "active");
        assertThat(sync(ScenarioPackage.district()).changes()).isZero();

        SyncSettings d = SyncSettings.defaults();
        settings(new SyncSettings(d.schoolsThatSync(), d.rolesThatSync(), d.guardiansWithoutContact(), false,
                d.updateSignedInContacts(), d.studentNumber(), d.personMatchRules(), d.leavers(), d.gracePeriod(),
                d.thresholds(), d.applyWhenHeld(), d.overwriteHandEdits()));
        sync(ScenarioPackage.district().remove("classes", "k-bio").removeWhere("enrollments", "classSourcedId", "k-bio"));
        for (int night = 0; night < 2; night++) {
            RunReport stays = sync(ScenarioPackage.district());
            assertThat(stays.counts(EntityKind.CLASSROOMS).restored()).isZero();
            assertThat(classroom("k-bio")).containsEntry("state", "archived");
            assertThat(skips(stays.run())).as("said again each night the class is sent")
                    .anyMatch(k -> k.startsWith("classrooms|k-bio|") && k.contains("restoreClassrooms"));
        }
    }

    @Test
    void aNewClassTitledLikeAClassroomMadeByHandGoesToTheAdminNotIntoACopy() throws Exception {
        sync(ScenarioPackage.district());
        long school = jdbc.sql("SELECT school_id FROM school_source_id WHERE district_id = ? AND org_sourced_id = 's2'")
                .param(districtId()).query(Long.class).single();
        jdbc.sql("INSERT INTO classroom (district_id, school_id, title) VALUES (?, ?, 'Chemistry - Period 5')")
                .params(districtId(), school).update();
        new io.rostersync.directory.DirectoryStore(db.dataSource()).touch(districtId());
        assertThat(sync(ScenarioPackage.district()).changes()).as("a run that reconciles, the class not yet sent")
                .isZero();
        long classrooms = jdbc.sql("SELECT count(*) FROM classroom WHERE district_id = ?").param(districtId())
                .query(Long.class).single();

        RunReport run = sync(ScenarioPackage.district().copy("classes", "k-bio", "k-chem", "title",
                "Chemistry - Period 5"));
        assertThat(run.counts(EntityKind.CLASSROOMS).created()).isZero();
        assertThat(skips(run.run())).anyMatch(k -> k.startsWith("classrooms|k-chem|"));
        assertThat(jdbc.sql("SELECT count(*) FROM classroom WHERE district_id = ?").param(districtId())
                .query(Long.class).single()).isEqualTo(classrooms);
    }

    @Test
    void aDeltaClassesFileChangesTheClassesItSendsAndLeavesTheOthersTheirMembers() {
        sync(ScenarioPackage.district());
        List<String> algebra = members("k-alg1");
        RunReport run = sync(ScenarioPackage.district().mode("classes", "delta").remove("classes", "k-hr4", "k-alg1")
                .set("classes", "k-bio", "title", "Biology - Period 3")
                .set("classes", "k-bio", "status", "active").set("classes", "k-bio", "dateLastModified", "2026-12-01T00:00:00Z"));
        assertThat(run.counts(EntityKind.CLASSROOMS).updated()).isEqualTo(1);
        assertThat(run.counts(EntityKind.CLASSROOMS).archived()).isZero();
        assertThat(run.counts(EntityKind.ENROLLMENTS).archived()).isZero();
        assertThat(classroom("k-bio")).containsEntry("title", "Biology - Period 3");
        assertThat(classroom("k-alg1")).containsEntry("state", "active");
        assertThat(members("k-alg1")).isEqualTo(algebra).isNotEmpty();
        RunReport leaving = sync(ScenarioPackage.district().mode("classes", "delta").remove("classes", "k-hr4", "k-bio")
                .set("classes", "k-alg1", "status", "tobedeleted")
                .set("classes", "k-alg1", "dateLastModified", "2026-12-02T00:00:00Z").removeWhere("enrollments", "classSourcedId", "k-alg1"));
        assertThat(leaving.counts(EntityKind.CLASSROOMS).archived()).isEqualTo(1);
        assertThat(classroom("k-alg1")).containsEntry("state", "archived");
        assertThat(classroom("k-bio")).containsEntry("state", "active");
    }

    @Test
    void theMinimalThreeFileSetCreatesSchoolsFromTheirSchoolIds() {
        RunReport run = sync(ScenarioPackage.district().drop("orgs").drop("academicSessions").drop("courses"));
        assertThat(run.counts(EntityKind.SCHOOLS).created()).isEqualTo(2);
        assertThat(run.counts(EntityKind.STUDENTS).created()).isEqualTo(8);
        assertThat(classroom("k-alg1")).containsEntry("school", "School s2").containsEntry("term_names", "t1");
        assertThat(sync(ScenarioPackage.district().drop("orgs").drop("academicSessions").drop("courses")).changes())
                .isZero();
    }

    @Test
    void aTruncatedUsersFileIsHeldAndArchivesNothingUntilApproved() {
        sync(ScenarioPackage.district());
        ScenarioPackage truncated = ScenarioPackage.district().remove("users", "u-s3", "u-s4", "u-s5", "u-s6", "u-s7",
                "u-s8").set("users", "u-s1", "familyName", "Okafor-Eze");
        RunReport held = sync(truncated);
        assertThat(held.status()).isEqualTo(RunStatus.HELD);
        assertThat(held.holdReasons()).anySatisfy(r -> assertThat(r).contains("6 of 8 sync-managed students"))
                .anySatisfy(r -> assertThat(r).contains("errors; nothing is archived on the strength of a file with errors"));
        assertThat(held.counts(EntityKind.STUDENTS).archived()).isZero();
        assertThat(held.waiting()).isGreaterThanOrEqualTo(6);
        assertThat(person("u-s3")).containsEntry("state", "active");
        assertThat(person("u-s1")).as("creates and updates of a held run still apply").containsEntry("family_name",
                "Okafor-Eze");
        RunReport approved = syncs.approve(district, held.run(), "test");
        assertThat(approved.status()).isEqualTo(RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(approved.counts(EntityKind.STUDENTS).archived()).isEqualTo(6);
        assertThat(person("u-s3")).containsEntry("state", "archived");
    }

    @Test
    void aNewerDropSupersedesAHeldRun() {
        sync(ScenarioPackage.district());
        RunReport held = sync(leavers(ScenarioPackage.district(), "u-s3", "u-s4", "u-s5", "u-s6", "u-s7", "u-s8"));
        assertThat(held.status()).isEqualTo(RunStatus.HELD);
        RunReport fixed = sync(ScenarioPackage.district());
        assertThat(fixed.status()).isEqualTo(RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(syncs.report(district, held.run()).status()).isEqualTo(RunStatus.SUPERSEDED);
        assertThatThrownBy(() -> syncs.approve(district, held.run(), "test")).isInstanceOf(Syncs.SyncException.class)
                .hasMessageContaining("only a held run can be approved");
        assertThat(person("u-s3")).containsEntry("state", "active");
    }

    @Test
    void anOverrideLetsOneRunCrossTheThreshold() {
        sync(ScenarioPackage.district());
        ScenarioPackage shrunk = leavers(ScenarioPackage.district(), "u-s3", "u-s4", "u-s5", "u-s6", "u-s7", "u-s8");
        assertThat(sync(shrunk).status()).isEqualTo(RunStatus.HELD);
        RunReport run = syncs.sync(Syncs.Request.of(district, shrunk.write(temp.resolve("override")))
                .withOverride("the high school moved to another district"));
        assertThat(run.status()).isEqualTo(RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(run.counts(EntityKind.STUDENTS).archived()).isEqualTo(6);
        assertThat(jdbc.sql("SELECT override_reason FROM sync_run WHERE id = ?").param(run.run()).query(String.class)
                .single()).isEqualTo("the high school moved to another district");
    }

    @Test
    void aRunHeldWholeIsOverriddenWithAReasonOnlyWhileItIsTheLatest() {
        sync(ScenarioPackage.district());
        SyncSettings d = SyncSettings.defaults();
        settings(new SyncSettings(d.schoolsThatSync(), d.rolesThatSync(), d.guardiansWithoutContact(),
                d.restoreClassrooms(), d.updateSignedInContacts(), d.studentNumber(), d.personMatchRules(), d.leavers(),
                d.gracePeriod(), d.thresholds(), false, d.overwriteHandEdits()));
        ScenarioPackage shrunk = leavers(ScenarioPackage.district(), "u-s3", "u-s4", "u-s5", "u-s6", "u-s7", "u-s8")
                .set("users", "u-s1", "familyName", "Okafor-Eze");
        RunReport held = sync(shrunk);
        assertThat(held.heldWhole()).isTrue();
        assertThat(person("u-s1")).as("nothing of a run held whole is applied").containsEntry("family_name", "Okafor");
        assertThatThrownBy(() -> syncs.approve(district, held.run(), "test")).isInstanceOf(Syncs.SyncException.class)
                .hasMessageContaining("cannot be approved in part");
        assertThatThrownBy(() -> syncs.override(district, held.run(), " ", "test"))
                .isInstanceOf(Syncs.SyncException.class).hasMessageContaining("needs a reason");

        RunReport applied = syncs.override(district, held.run(), "the high school moved away", "test");
        assertThat(applied.status()).isEqualTo(RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(applied.counts(EntityKind.STUDENTS).archived()).isEqualTo(6);
        assertThat(person("u-s1")).containsEntry("family_name", "Okafor-Eze");
        assertThat(jdbc.sql("SELECT override_reason FROM sync_run WHERE id = ?").param(applied.run())
                .query(String.class).single()).isEqualTo("the high school moved away");
        assertThatThrownBy(() -> syncs.override(district, held.run(), "again", "test"))
                .isInstanceOf(Syncs.SyncException.class).hasMessageContaining("superseded");
        assertThatThrownBy(() -> syncs.override(district, applied.run(), "why", "test"))
                .isInstanceOf(Syncs.SyncException.class).hasMessageContaining("only a run held whole");
    }

    @Test
    void aStudentWhoLeavesAndComesBackInTheGracePeriodIsRestored() {
        sync(ScenarioPackage.district());
        settings(SyncSettings.defaults().withGracePeriod(Duration.ofDays(7)));
        RunReport left = sync(ScenarioPackage.district().remove("users", "u-s3").removeWhere("enrollments",
                "userSourcedId", "u-s3"));
        assertThat(person("u-s3")).containsEntry("state", "pending_removal");
        assertThat(person("u-s3").get("removal_due_at")).isNotNull();
        assertThat(left.counts(EntityKind.STUDENTS).archived()).as("pending is not archived yet").isZero();
        RunReport back = sync(ScenarioPackage.district());
        assertThat(back.counts(EntityKind.STUDENTS).restored()).isEqualTo(1);
        assertThat(person("u-s3")).containsEntry("state", "active").containsEntry("removal_due_at", null);
        assertThat(members("k-hr4")).contains("u-s3:student");
    }

    @Test
    void anArchivedStudentWhoComesBackIsRestored() {
        sync(ScenarioPackage.district());
        sync(leavers(ScenarioPackage.district(), "u-s3"));
        assertThat(person("u-s3")).containsEntry("state", "archived");
        RunReport back = sync(ScenarioPackage.district());
        assertThat(back.counts(EntityKind.STUDENTS).restored()).isEqualTo(1);
        assertThat(person("u-s3")).containsEntry("state", "active");
    }

    @Test
    void addingASchoolToTheSchoolsThatSyncCreatesItsPeopleFromTheSameFile() {
        sync(ScenarioPackage.district());
        long elementary = jdbc.sql("SELECT school_id FROM school_source_id WHERE district_id = ? AND org_sourced_id = 's1'")
                .param(districtId()).query(Long.class).single();
        String other = district;
        district = "district-" + DISTRICTS.incrementAndGet();
        ScenarioPackage schoolsOnly = leavers(ScenarioPackage.district(), "u-s1", "u-s2", "u-s3", "u-s4", "u-s5", "u-s6",
                "u-s7", "u-s8", "u-t1", "u-t2", "u-g1", "u-g2", "u-g3", "u-g4").remove("classes", "k-hr4", "k-alg1", "k-bio");
        assertThat(sync(schoolsOnly).counts(EntityKind.SCHOOLS).created()).isEqualTo(2);
        long s1 = jdbc.sql("SELECT school_id FROM school_source_id WHERE district_id = ? AND org_sourced_id = 's1'")
                .param(districtId()).query(Long.class).single();
        assertThat(elementary).isNotEqualTo(s1);
        settings(SyncSettings.defaults().withSchoolsThatSync(Set.of(s1)));
        RunReport onlyElementary = sync(ScenarioPackage.district());
        assertThat(onlyElementary.counts(EntityKind.STUDENTS).created()).isEqualTo(4);
        assertThat(onlyElementary.counts(EntityKind.CLASSROOMS).created()).isEqualTo(1);
        assertThat(linked("u-s5")).isFalse();
        long s2 = jdbc.sql("SELECT school_id FROM school_source_id WHERE district_id = ? AND org_sourced_id = 's2'")
                .param(districtId()).query(Long.class).single();
        settings(SyncSettings.defaults().withSchoolsThatSync(Set.of(s1, s2)));
        RunReport both = sync(ScenarioPackage.district());
        assertThat(both.counts(EntityKind.STUDENTS).created()).isEqualTo(4);
        assertThat(both.counts(EntityKind.CLASSROOMS).created()).isEqualTo(2);
        assertThat(person("u-s5")).containsEntry("roles", "student@Cedar Falls High");
        assertThat(other).isNotEqualTo(district);
    }

    @Test
    void aDeltaFileChangesOnlyWhatItNames() {
        sync(ScenarioPackage.district());
        ScenarioPackage delta = ScenarioPackage.district().mode("users", "delta").mode("enrollments", "delta")
                .remove("users", "u-t1", "u-t2", "u-s2", "u-s4", "u-s5", "u-s6", "u-s7", "u-s8", "u-g1", "u-g2",
                        "u-g3", "u-g4")
                .set("users", "u-s1", "familyName", "Okafor-Eze").set("users", "u-s1", "status", "active")
                .set("users", "u-s1", "dateLastModified", "2026-11-30T06:00:00Z")
                .set("users", "u-s3", "status", "tobedeleted").set("users", "u-s3", "dateLastModified", "2026-11-30T06:00:00Z")
                .remove("enrollments", "e1", "e2", "e3", "e5", "e6", "e7", "e8", "e9", "e10", "e11", "e12")
                .set("enrollments", "e4", "status", "tobedeleted")
                .set("enrollments", "e4", "dateLastModified", "2026-11-30T06:00:00Z")
                .add("enrollments", "e13", "active", "2026-11-30T06:00:00Z", "k-hr4", "s1", "u-s8", "student", "false",
                        "", "");
        RunReport run = sync(delta);
        assertThat(run.counts(EntityKind.STUDENTS).updated()).isEqualTo(1);
        assertThat(run.counts(EntityKind.STUDENTS).archived()).isEqualTo(1);
        assertThat(run.counts(EntityKind.ENROLLMENTS).archived()).isEqualTo(1);
        assertThat(person("u-s3")).containsEntry("state", "archived");
        assertThat(person("u-s8")).containsEntry("state", "active");
        assertThat(members("k-hr4")).as("a delta enrollment may name a user the delta users.csv did not send")
                .containsExactly("u-s1:student", "u-s2:student", "u-s4:student", "u-s8:student", "u-t1:teacher");
        assertThat(run.counts(EntityKind.ENROLLMENTS).created()).isEqualTo(1);
        assertThat(guardianLinks()).hasSize(4);
    }

    /**
     * OneRoster forbids a file without rows, so a package of changes leaves out (absent) a file that has
     * none: its classes and memberships stay as they are, and the package is not refused for it.
     */
    @Test
    void aPackageOfChangesLeavesWhatItDoesNotSendAsItIs() {
        sync(ScenarioPackage.district());
        String classroomsBefore = String.join("|", members("k-hr4")) + String.join("|", members("k-bio"));
        ScenarioPackage changes = ScenarioPackage.district().mode("users", "delta").drop("classes")
                .drop("enrollments").drop("orgs").drop("academicSessions").drop("courses")
                .remove("users", "u-t1", "u-t2", "u-s2", "u-s3", "u-s4", "u-s5", "u-s6", "u-s7", "u-s8", "u-g1",
                        "u-g2", "u-g3", "u-g4")
                .set("users", "u-s1", "familyName", "Okafor-Eze").set("users", "u-s1", "status", "active")
                .set("users", "u-s1", "dateLastModified", "2026-11-30T06:00:00Z");
        RunReport run = sync(changes);
        assertThat(run.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        assertThat(run.counts(EntityKind.STUDENTS).updated()).isEqualTo(1);
        assertThat(person("u-s1")).containsEntry("family_name", "Okafor-Eze");
        assertThat(run.counts(EntityKind.ENROLLMENTS).archived()).isZero();
        assertThat(run.counts(EntityKind.CLASSROOMS).archived()).isZero();
        assertThat(String.join("|", members("k-hr4")) + String.join("|", members("k-bio"))).isEqualTo(classroomsBefore);

        // enrollments alone: an enrollment of a known class and a known user, neither of them sent
        RunReport joined = sync(ScenarioPackage.district().mode("enrollments", "delta").drop("classes").drop("users")
                .drop("orgs").drop("academicSessions").drop("courses")
                .remove("enrollments", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10", "e11", "e12")
                .add("enrollments", "e13", "active", "2026-11-30T06:00:00Z", "k-hr4", "s1", "u-s8", "student", "false",
                        "", ""));
        assertThat(joined.counts(EntityKind.ENROLLMENTS).created()).isEqualTo(1);
        assertThat(joined.counts(EntityKind.STUDENTS).archived()).isZero();
        assertThat(members("k-hr4")).contains("u-s8:student", "u-s1:student", "u-t1:teacher");

        // a re-enrollment: the SIS ends one enrollment and begins another of the same student in the class
        RunReport again = sync(ScenarioPackage.district().mode("enrollments", "delta").drop("classes").drop("users")
                .drop("orgs").drop("academicSessions").drop("courses")
                .remove("enrollments", "e1", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10", "e11", "e12")
                .set("enrollments", "e2", "status", "tobedeleted")
                .set("enrollments", "e2", "dateLastModified", "2026-11-30T06:00:00Z")
                .add("enrollments", "e2b", "active", "2026-11-30T06:00:00Z", "k-hr4", "s1", "u-s1", "student", "false",
                        "2026-12-01", ""));
        assertThat(again.counts(EntityKind.ENROLLMENTS).archived()).isZero();
        assertThat(members("k-hr4")).contains("u-s1:student", "u-s8:student");

        // a bulk package without classes.csv is still refused: it cannot say which classes are gone
        RunReport bulk = sync(ScenarioPackage.district().drop("classes"));
        assertThat(bulk.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(bulk.holdReasons()).singleElement().asString().contains("has no classes.csv");
    }

    /**
     * The run a roster API's pull of changes may start from: the latest, applied, and still what the
     * directory holds; not after a preview, an undo, a row the run could not use, a setting saved or an
     * admin's answer, each of which has the next pull read the whole roster.
     */
    @Test
    void aRunIsInForceUntilAnythingElseCouldMakeTheDirectoryOtherwise() throws Exception {
        RunReport applied = sync(ScenarioPackage.district());
        long id = districtId();
        assertThat(syncs.runInForce(id)).hasValue(applied.run());
        sync(ScenarioPackage.district(), true);
        assertThat(syncs.runInForce(id)).as("a preview after it").isEmpty();

        RunReport again = sync(ScenarioPackage.district().set("users", "u-s1", "familyName", "Okafor-Eze"));
        assertThat(syncs.runInForce(id)).hasValue(again.run());
        syncs.undo(district, again.run());
        assertThat(syncs.runInForce(id)).as("undone").isEmpty();

        RunReport withError = sync(ScenarioPackage.district().set("users", "u-s2", "role", "astronaut"));
        assertThat(withError.problems()).anyMatch(p -> p.severity() == io.rostersync.oneroster.Severity.ERROR);
        assertThat(syncs.runInForce(id)).as("a row it could not use").isEmpty();

        RunReport clean = sync(ScenarioPackage.district());
        assertThat(syncs.runInForce(id)).hasValue(clean.run());
        settings(new SettingsStore(db.dataSource()).load(id));
        assertThat(syncs.runInForce(id)).as("a setting saved since").isEmpty();

        RunReport later = sync(ScenarioPackage.district().set("users", "u-s1", "givenName", "Ada"));
        assertThat(syncs.runInForce(id)).hasValue(later.run());
        new io.rostersync.directory.DirectoryStore(db.dataSource()).touchQuietly(id);
        assertThat(syncs.runInForce(id)).as("an admin's hand in the directory since").isEmpty();

        later = sync(ScenarioPackage.district().set("users", "u-s1", "givenName", "Adaeze"));
        assertThat(syncs.runInForce(id)).hasValue(later.run());
        jdbc.sql("INSERT INTO match_decision (district_id, source, kind, sourced_id, link_to, decided_by)"
                + " VALUES (?, 'oneroster', 'person', 'u-x', NULL, 'admin')").params(id).update();
        assertThat(syncs.runInForce(id)).as("an admin's answer since").isEmpty();
    }

    @Test
    void aDryRunReportsTheChangesAndChangesNothing() {
        sync(ScenarioPackage.district());
        String before = dump();
        RunReport preview = sync(leavers(ScenarioPackage.district(), "u-s3").set("users", "u-s1", "familyName",
                "Okafor-Eze"), true);
        assertThat(preview.status()).isEqualTo(RunStatus.PREVIEW);
        assertThat(preview.counts(EntityKind.STUDENTS).updated()).isEqualTo(1);
        assertThat(preview.counts(EntityKind.STUDENTS).archived()).isEqualTo(1);
        assertThat(dump()).isEqualTo(before);
        StringWriter csv = new StringWriter();
        syncs.exportCsv(district, preview.run(), csv);
        assertThat(csv.toString()).contains("change,update,students").contains("waiting,archive,students");
    }

    @Test
    void undoPutsTheDirectoryBackAndIsRefusedWhileALaterRunTouchedTheSameRecords() {
        RunReport first = sync(ScenarioPackage.district());
        String afterFirst = dump();
        RunReport second = sync(leavers(ScenarioPackage.district(), "u-s3").set("users", "u-s1", "familyName",
                "Okafor-Eze").set("enrollments", "e8", "classSourcedId", "k-bio").set("users", "u-g3", "role", "guardian")
                .add("users", "u-s9", "", "", "true", "s1", "student", "inew", "", "Ines", "New", "", "1009", "", "", "",
                        "", "04", ""));
        assertThat(second.changes()).isPositive();
        assertThatThrownBy(() -> syncs.undo(district, first.run())).isInstanceOf(Syncs.SyncException.class)
                .hasMessageContaining("undo the later runs first");
        RunReport undo = syncs.undo(district, second.run());
        assertThat(undo.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(undo.reverts()).isEqualTo(second.run());
        assertThat(dump()).isEqualTo(afterFirst);
        assertThat(syncs.report(district, second.run()).revertedBy()).isEqualTo(undo.run());
        assertThatThrownBy(() -> syncs.undo(district, second.run())).isInstanceOf(Syncs.SyncException.class)
                .hasMessageContaining("already undone");
        syncs.undo(district, first.run());
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE district_id = ?").param(districtId()).query(Long.class)
                .single()).isZero();
        assertThat(sync(ScenarioPackage.district()).counts(EntityKind.STUDENTS).created()).isEqualTo(8);
    }

    @Test
    void aTeacherWhoIsAlsoAParentIsOnePersonWithTwoRoles() {
        RunReport run = sync(ScenarioPackage.district().add("users", "u-g6", "", "", "true", "s1", "parent", "mrivera2",
                "", "María", "Rivera", "", "", "mrivera@cedarfalls.example.org", "", "", "u-s3", "", ""));
        assertThat(run.counts(EntityKind.STAFF).created()).isEqualTo(2);
        assertThat(run.counts(EntityKind.GUARDIANS).created()).isEqualTo(3);
        assertThat(person("u-g6").get("id")).isEqualTo(person("u-t1").get("id"));
        assertThat(person("u-t1")).containsEntry("roles", "parent@Birchwood Elementary,teacher@Birchwood Elementary");
        assertThat(guardianLinks()).contains("u-g6>u-s3:parent");
        assertThat(sync(ScenarioPackage.district().add("users", "u-g6", "", "", "true", "s1", "parent", "mrivera2",
                "", "María", "Rivera", "", "", "mrivera@cedarfalls.example.org", "", "", "u-s3", "", "")).changes()).isZero();
    }

    @Test
    void aFieldAnAdminEditedByHandIsKept() throws Exception {
        sync(ScenarioPackage.district());
        jdbc.sql("UPDATE person SET family_name = 'Okafor (Ama)', edited_fields = '{family_name}' WHERE district_id = ?"
                + " AND id = ?").params(districtId(), person("u-s1").get("id")).update();
        new io.rostersync.directory.DirectoryStore(db.dataSource()).touch(districtId()); // as an admin's edit does
        RunReport run = sync(ScenarioPackage.district().set("users", "u-s1", "familyName", "Okafor-Eze")
                .set("users", "u-s1", "grades", "05"));
        assertThat(person("u-s1")).containsEntry("family_name", "Okafor (Ama)").containsEntry("grade", "05");
        StringWriter csv = new StringWriter();
        syncs.exportCsv(district, run.run(), csv);
        assertThat(csv.toString()).contains("skip,,students,,,u-s1,users.csv,4,overwriteHandEdits");
    }

    @Test
    void aWriteOutsideTheSyncMakesTheNextRunReconcileAgainstTheDirectory() throws Exception {
        sync(ScenarioPackage.district());
        jdbc.sql("UPDATE person SET family_name = 'Someone Else' WHERE district_id = ? AND id = ?")
                .params(districtId(), person("u-s1").get("id")).update();
        new io.rostersync.directory.DirectoryStore(db.dataSource()).touch(districtId());
        RunReport run = sync(ScenarioPackage.district());
        assertThat(run.counts(EntityKind.STUDENTS).updated()).isEqualTo(1);
        assertThat(person("u-s1")).containsEntry("family_name", "Okafor");
    }

    /** The fingerprints are unlogged: a server crash empties them, and the next run reconciles in full. */
    @Test
    void fingerprintsLostInACrashOnlyMakeTheNextRunReconcile() {
        RunReport first = sync(ScenarioPackage.district());
        String before = dump();
        assertThat(jdbc.sql("SELECT relpersistence FROM pg_class WHERE relname = 'sync_fingerprint'")
                .query(String.class).single()).isEqualTo("u");
        jdbc.sql("DELETE FROM sync_fingerprint WHERE district_id = ?").param(districtId()).update();
        RunReport again = sync(ScenarioPackage.district());
        assertThat(again.changes()).isZero();
        assertThat(again.counts(EntityKind.STUDENTS).unchanged()).isEqualTo(first.counts(EntityKind.STUDENTS).created());
        assertThat(dump()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM sync_fingerprint WHERE district_id = ?").param(districtId())
                .query(Long.class).single()).as("written again by the run").isEqualTo(5);
    }

    /** What the fingerprints let a run skip must be exactly what a full reconcile finds unchanged. */
    @Test
    void runsWithFingerprintsReportWhatFullReconcilesReport() throws Exception {
        Path days = temp.resolve("days");
        List<Path> drops = new java.util.ArrayList<>();
        for (int day : List.of(0, 1, 2, 6, 6, 9)) {
            Path zip = days.resolve("day" + day + "-" + drops.size() + ".zip");
            java.nio.file.Files.createDirectories(days);
            io.rostersync.generator.RosterGenerator.generate(io.rostersync.generator.GeneratorOptions.of(600)
                    .withDay(day), zip);
            drops.add(zip);
        }
        String remembering = "fp-" + DISTRICTS.incrementAndGet();
        String reconciling = "rc-" + DISTRICTS.incrementAndGet();
        io.rostersync.directory.DirectoryStore store = new io.rostersync.directory.DirectoryStore(db.dataSource());
        for (Path drop : drops) {
            RunReport a = syncs.sync(Syncs.Request.of(remembering, drop));
            district = reconciling;
            if (jdbc.sql("SELECT count(*) FROM district WHERE slug = ?").param(reconciling).query(Long.class).single() > 0) {
                store.touch(districtId());
            }
            RunReport b = syncs.sync(Syncs.Request.of(reconciling, drop));
            assertThat(a.status()).as(drop.toString()).isEqualTo(b.status());
            assertThat(a.counts()).as(drop.toString()).isEqualTo(b.counts());
            assertThat(a.directory()).as(drop.toString()).isEqualTo(b.directory());
            List<String> reconciledLinks = guardianLinks();
            district = remembering;
            assertThat(guardianLinks()).as(drop.toString()).isEqualTo(reconciledLinks).isNotEmpty();
        }
        district = remembering;
        assertThat(jdbc.sql("SELECT count(*) FROM sync_fingerprint WHERE district_id = ?").param(districtId())
                .query(Long.class).single()).as("people, classrooms, memberships, guardian links and the package").isEqualTo(5);
    }

    @Test
    void aDeltaOrgsFileThatNamesOneSchoolLeavesTheOthersAndTheirPeopleAlone() {
        sync(ScenarioPackage.district());
        RunReport run = sync(ScenarioPackage.district().mode("orgs", "delta").remove("orgs", "d1", "s2")
                .set("orgs", "s1", "name", "Birchwood Elementary School").set("orgs", "s1", "status", "active")
                .set("orgs", "s1", "dateLastModified", "2026-11-30T06:00:00Z"));
        assertThat(run.counts(EntityKind.SCHOOLS).updated()).isEqualTo(1);
        assertThat(run.changes()).isEqualTo(1);
        assertThat(person("u-s5")).containsEntry("state", "active");
        assertThat(person("u-t2")).containsEntry("roles", "teacher@Cedar Falls High");
    }

    @Test
    void aGuardianWhoLostTheirContactDetailsIsSkippedNotArchived() {
        sync(ScenarioPackage.district());
        RunReport run = sync(ScenarioPackage.district().set("users", "u-g1", "email", "").set("users", "u-g1", "sms", ""));
        assertThat(run.counts(EntityKind.GUARDIANS).archived()).isZero();
        assertThat(person("u-g1")).containsEntry("state", "active").containsEntry("email", "chioma.okafor@example.com");
        assertThat(guardianLinks()).contains("u-g1>u-s1:parent", "u-g1>u-s2:parent");
    }

    @Test
    void aSchoolThatLeftOrgsIsHeldForAnAdmin() {
        sync(ScenarioPackage.district());
        RunReport run = sync(leavers(ScenarioPackage.district(), "u-s5", "u-s6", "u-s7", "u-s8", "u-t2", "u-g2", "u-g3")
                .remove("orgs", "s2").remove("classes", "k-alg1", "k-bio").remove("courses", "c-alg1", "c-bio"));
        assertThat(run.status()).isEqualTo(RunStatus.HELD);
        assertThat(run.holdReasons()).anySatisfy(r -> assertThat(r).contains("1 school is no longer in orgs.csv"));
        assertThat(person("u-s5")).containsEntry("state", "active");
    }

    @Test
    void twoRowsOfOnePersonThatStopAgreeingDoNotOverwriteEachOther() {
        ScenarioPackage agree = ScenarioPackage.district().add("users", "u-g6", "", "", "true", "s1", "parent",
                "mrivera2", "", "María", "Rivera", "", "", "mrivera@cedarfalls.example.org", "", "", "u-s3", "", "");
        sync(agree);
        ScenarioPackage differ = ScenarioPackage.district().add("users", "u-g6", "", "", "true", "s1", "parent",
                "mrivera2", "", "María", "Rivera", "", "", "maria.rivera@example.com", "", "", "u-s3", "", "");
        sync(differ);
        assertThat(sync(differ).changes()).isZero();
        assertThat(sync(differ).changes()).isZero();
        assertThat(person("u-t1")).containsEntry("email", "mrivera@cedarfalls.example.org");
    }

    @Test
    void aRecordMadeByHandKeepsWhatSomeoneTypedAfterItIsLinked() {
        sync(ScenarioPackage.district().remove("users", "u-s3").removeWhere("enrollments", "userSourcedId", "u-s3"));
        jdbc.sql("INSERT INTO person (district_id, given_name, family_name, student_number, username, home_phone, kind)"
                + " VALUES (?, 'Camila', 'Perez', '1003', 'camila.hand', '555-0199', 'students')").param(districtId())
                .update();
        RunReport linkRun = sync(ScenarioPackage.district());
        assertThat(linkRun.counts(EntityKind.STUDENTS).created()).isZero();
        assertThat(person("u-s3")).containsEntry("username", "camila.hand").containsEntry("home_phone", "555-0199")
                .containsEntry("managed_by", "oneroster");
        sync(ScenarioPackage.district());
        assertThat(person("u-s3")).containsEntry("username", "camila.hand").containsEntry("home_phone", "555-0199");
    }

    @Test
    void aDryRunDoesNotSupersedeAHeldRun() {
        sync(ScenarioPackage.district());
        RunReport held = sync(leavers(ScenarioPackage.district(), "u-s3", "u-s4", "u-s5", "u-s6", "u-s7", "u-s8"));
        sync(ScenarioPackage.district(), true);
        assertThat(syncs.report(district, held.run()).status()).isEqualTo(RunStatus.HELD);
    }

    @Test
    void aRoleAddedByHandIsNotTheSyncsToRemove() {
        sync(ScenarioPackage.district());
        jdbc.sql("INSERT INTO person_role (district_id, person_id, role) VALUES (?, ?, 'aide')")
                .params(districtId(), person("u-t1").get("id")).update();
        new io.rostersync.directory.DirectoryStore(db.dataSource()).touchQuietly(districtId());
        assertThat(sync(ScenarioPackage.district()).changes()).isZero();
        assertThat(sync(ScenarioPackage.district()).changes()).isZero();
        assertThat(person("u-t1").get("roles").toString()).contains("aide@district");
    }

    @Test
    void aDistrictThatHoldsWholeRunsAppliesNothingOfAHeldRun() {
        sync(ScenarioPackage.district());
        SyncSettings whole = new SyncSettings(java.util.Set.of(), SyncSettings.defaults().rolesThatSync(),
                SyncSettings.GuardianWithoutContact.SKIP, true, false, SyncSettings.StudentNumber.IDENTIFIER,
                SyncSettings.defaults().personMatchRules(), SyncSettings.Leavers.ARCHIVE, Duration.ZERO, Map.of(), false,
                false);
        settings(whole);
        String before = dump();
        RunReport held = sync(leavers(ScenarioPackage.district(), "u-s3", "u-s4", "u-s5", "u-s6", "u-s7", "u-s8")
                .set("users", "u-s1", "familyName", "Okafor-Eze"));
        assertThat(held.status()).isEqualTo(RunStatus.HELD);
        assertThat(held.changes()).isZero();
        assertThat(dump()).isEqualTo(before);
        assertThatThrownBy(() -> syncs.approve(district, held.run(), "test")).isInstanceOf(Syncs.SyncException.class)
                .hasMessageContaining("applied nothing");
    }

    @Test
    void aHeldRunKeepsTheRolesItWouldTakeAwayWaitingToo() {
        ScenarioPackage withParent = ScenarioPackage.district().add("users", "u-g6", "", "", "true", "s1", "parent",
                "mrivera2", "", "María", "Rivera", "", "", "mrivera@cedarfalls.example.org", "", "", "u-s3", "", "");
        sync(withParent);
        assertThat(person("u-t1").get("roles").toString()).contains("parent@");
        RunReport held = sync(leavers(ScenarioPackage.district(), "u-s4", "u-s5", "u-s6", "u-s7", "u-s8", "u-s2"));
        assertThat(held.status()).isEqualTo(RunStatus.HELD);
        assertThat(person("u-t1").get("roles").toString()).as("the parent role waits with the archives")
                .contains("parent@");
        RunReport again = sync(leavers(ScenarioPackage.district(), "u-s4", "u-s5", "u-s6", "u-s7", "u-s8", "u-s2"));
        assertThat(again.status()).as("the next drop looks at the waiting role again").isEqualTo(RunStatus.HELD);
        syncs.approve(district, again.run(), "test");
        assertThat(person("u-t1")).containsEntry("roles", "teacher@Birchwood Elementary");
    }

    @Test
    void aPackageWithoutUsersIsRejectedAndChangesNothing() {
        sync(ScenarioPackage.district());
        String before = dump();
        RunReport run = sync(ScenarioPackage.district().drop("users"));
        assertThat(run.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(run.holdReasons()).singleElement().asString().contains("users.csv");
        assertThat(dump()).isEqualTo(before);
    }
}
