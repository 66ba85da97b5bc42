package io.rostersync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.directory.EntityKind;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import io.rostersync.sync.Syncs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo district as a new admin would take it: its schools matched to the roster's by School ID,
 * then the first sync of the demo ZIP. The twins are pairs (the hand-made record and the synced one),
 * the records the stated rules match are linked, and nothing else made by hand is changed or archived.
 */
@Tag("database")
class DemoFirstSyncTest {

    private static final DemoRecords RECORDS = DemoDistrict.records();

    @TempDir
    static Path temp;
    private static Database db;
    private static JdbcClient jdbc;
    private static District demo;
    private static List<Long> linkedByRule;
    private static List<String> handMadeBefore;
    private static RunReport first;

    @BeforeAll
    static void seedMatchAndSync() throws Exception {
        db = TestDatabases.fresh("demo_first_sync");
        jdbc = JdbcClient.create(db.dataSource());
        demo = new Districts(db.dataSource()).findOrCreate(DemoDistrict.SLUG);
        assertThat(DemoDistrict.seed(db.dataSource(), demo.id(), io.rostersync.TestSecrets.BOX.birthDateKey(demo.id()))).isPresent();
        linkedByRule = new ArrayList<>();
        for (SyncMatch match : RECORDS.linkedBySync()) {
            linkedByRule.add(handMadePerson(match.handMadeKey()));
        }
        handMadeBefore = handMadeRecords();
        DemoSetup.matchSchoolsByTheirSchoolIds(db.dataSource(), demo.id());
        Path zip = RosterGenerator.generate(DemoDistrict.rosterOptions(0), temp.resolve("demo.zip")).output();
        first = new Syncs(db.dataSource(), io.rostersync.TestSecrets.BOX).sync(Syncs.Request.of(DemoDistrict.SLUG, zip));
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    /** The hand-made person (no run created them) of this username or email. */
    private static long handMadePerson(String usernameOrEmail) {
        return jdbc.sql("SELECT id FROM person WHERE district_id = ? AND created_run IS NULL AND (username = ?"
                + " OR email = ?)").params(demo.id(), usernameOrEmail, usernameOrEmail).query(Long.class).single();
    }

    private static Map<String, Object> linkedTo(String sourcedId) {
        return jdbc.sql("""
                SELECT p.*, (SELECT min(school_id) FROM person_role r WHERE r.district_id = p.district_id
                             AND r.person_id = p.id AND r.role = 'student') AS school_id
                FROM source_link l JOIN person p ON p.district_id = l.district_id AND p.id = l.local_id
                WHERE l.district_id = ? AND l.kind = 'person' AND l.sourced_id = ?""")
                .params(demo.id(), sourcedId).query().singleRow();
    }

    @Test
    void theFirstSyncAppliesWithoutHoldingAnything() {
        assertThat(first.status()).isIn(RunStatus.APPLIED, RunStatus.APPLIED_WITH_WARNINGS);
        long byNumber = RECORDS.linkedBySync().stream().filter(m -> m.rule().equals("STUDENT_NUMBER")).count();
        assertThat(first.counts(EntityKind.STUDENTS).created()).isEqualTo(DemoDistrict.STUDENTS - byNumber);
        assertThat(first.counts(EntityKind.SCHOOLS).created()).as("the matched schools are not made again").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM school WHERE district_id = ?").param(demo.id()).query(Long.class)
                .single()).isEqualTo(RECORDS.counts().schools());
    }

    @Test
    void everyTwinIsNowAPairOfTheHandMadeRecordAndTheSyncedOneAtTheSameSchool() {
        for (Twin twin : RECORDS.twins()) {
            Map<String, Object> synced = linkedTo(twin.rosterSourcedId());
            Map<String, Object> handMade = jdbc.sql("""
                    SELECT p.*, (SELECT min(school_id) FROM person_role r WHERE r.district_id = p.district_id
                                 AND r.person_id = p.id AND r.role = 'student') AS school_id,
                           (SELECT count(*) FROM source_link l WHERE l.district_id = p.district_id AND l.kind = 'person'
                                 AND l.local_id = p.id) AS links
                    FROM person p WHERE p.district_id = ? AND p.username = ? AND p.created_run IS NULL""")
                    .params(demo.id(), twin.handMadeUsername()).query().singleRow();
            assertThat(synced.get("id")).as(twin.toString()).isNotEqualTo(handMade.get("id"));
            assertThat(synced.get("managed_by")).isEqualTo("oneroster");
            assertThat(List.of(synced.get("given_name"), synced.get("family_name")))
                    .containsExactly(twin.rosterGivenName(), twin.rosterFamilyName());
            assertThat(handMade.get("managed_by")).isNull();
            assertThat(handMade.get("links")).isEqualTo(0L);
            assertThat(List.of(handMade.get("given_name"), handMade.get("family_name")))
                    .containsExactly(twin.handMadeGivenName(), twin.handMadeFamilyName());
            assertThat(handMade.get("school_id")).isEqualTo(synced.get("school_id"));
            String number = (String) synced.get("student_number");
            assertThat(handMade.get("student_number")).isEqualTo(twin.studentNumber() == Twin.StudentNumber.MISSING
                    ? null : String.format("%08d", Long.parseLong(number)));
        }
    }

    @Test
    void theRecordsTheRulesMatchAreLinkedToTheirRosterUsers() {
        for (int i = 0; i < RECORDS.linkedBySync().size(); i++) {
            SyncMatch match = RECORDS.linkedBySync().get(i);
            assertThat(linkedTo(match.rosterSourcedId()).get("id")).as(match.toString()).isEqualTo(linkedByRule.get(i));
        }
        List<String> teachers = jdbc.sql("""
                SELECT p.email FROM person p WHERE p.district_id = ? AND p.created_run IS NULL AND p.kind = 'staff'
                  AND NOT EXISTS (SELECT 1 FROM source_link l WHERE l.district_id = p.district_id
                                  AND l.kind = 'person' AND l.local_id = p.id)""").param(demo.id())
                .query(String.class).list();
        assertThat(teachers).as("only the preschool's teacher is no roster teacher")
                .containsExactly("rdelgado@littleacorns.example.net");
    }

    @Test
    void nothingMadeByHandWasChangedOrArchived() {
        assertThat(handMadeRecords()).isEqualTo(handMadeBefore);
    }

    @Test
    void aClassTitledAsAHandMadeClassroomWaitsForAnAdminTheOthersAreCreatedBesideTheirs() {
        for (ClassroomMatch match : RECORDS.classrooms()) {
            if (match.classSourcedId() == null) {
                continue;
            }
            long links = jdbc.sql("SELECT count(*) FROM source_link WHERE district_id = ? AND kind = 'classroom'"
                    + " AND sourced_id = ?").params(demo.id(), match.classSourcedId()).query(Long.class).single();
            if (match.sameTitle()) {
                assertThat(links).as(match.toString()).isZero();
                assertThat(jdbc.sql("SELECT why FROM run_skip WHERE district_id = ? AND run_id = ? AND sourced_id = ?")
                        .params(demo.id(), first.run(), match.classSourcedId()).query(String.class).single())
                        .contains(match.title());
            } else {
                assertThat(links).as(match.toString()).isOne();
            }
        }
    }

    /**
     * Every record made by hand, as text, but what linking may change of the people the rules link
     * (they keep their names): schools, people, their roles, classrooms, members, guardian links,
     * and what is attached to students.
     */
    private static List<String> handMadeRecords() {
        List<String> rows = new ArrayList<>();
        Long[] linked = linkedByRule.toArray(Long[]::new);
        query(rows, "SELECT 'school', id, name, managed_by, state FROM school WHERE district_id = ?"
                + " AND created_run IS NULL ORDER BY id");
        rows.addAll(jdbc.sql("""
                SELECT concat_ws('|', 'person', id, kind, given_name, family_name, middle_name, preferred_given_name,
                    email, sms_phone, home_phone, grade, student_number, username, managed_by, state, edited_fields)
                FROM person WHERE district_id = ? AND created_run IS NULL AND NOT id = ANY (?) ORDER BY id""")
                .params(demo.id(), linked).query(String.class).list());
        rows.addAll(jdbc.sql("SELECT concat_ws('|', 'linked', id, given_name, family_name, state) FROM person"
                + " WHERE district_id = ? AND id = ANY (?) ORDER BY id").params(demo.id(), linked)
                .query(String.class).list());
        query(rows, "SELECT 'role', person_id, role, school_id FROM person_role WHERE district_id = ?"
                + " AND managed_by IS NULL ORDER BY person_id, role");
        query(rows, "SELECT 'classroom', id, school_id, title, code, grades, periods, terms, managed_by, state,"
                + " (SELECT count(*) FROM source_link l WHERE l.district_id = c.district_id AND l.kind = 'classroom'"
                + " AND l.local_id = c.id) FROM classroom c WHERE district_id = ? AND created_run IS NULL ORDER BY id");
        query(rows, "SELECT 'member', classroom_id, person_id, role, is_primary FROM classroom_member"
                + " WHERE district_id = ? AND managed_by IS NULL ORDER BY 2, 3, 4");
        query(rows, "SELECT 'guardian', guardian_id, student_id, relationship FROM guardian_link"
                + " WHERE district_id = ? AND managed_by IS NULL ORDER BY 2, 3");
        query(rows, "SELECT 'announcement', id, student_id, title, body, created_at FROM announcement"
                + " WHERE district_id = ? ORDER BY id");
        query(rows, "SELECT 'backpack', id, student_id, name, content_ref, created_at FROM backpack_item"
                + " WHERE district_id = ? ORDER BY id");
        query(rows, "SELECT 'log', id, student_id, kind, note, author, occurred_at FROM interaction_log"
                + " WHERE district_id = ? ORDER BY id");
        query(rows, "SELECT 'attribute', student_id, name, value, updated_at FROM student_attribute"
                + " WHERE district_id = ? ORDER BY 2, 3");
        return rows;
    }

    /** Each row of a query on the district, its columns joined by '|'. */
    private static void query(List<String> rows, String sql) {
        rows.addAll(jdbc.sql(sql).param(demo.id()).query((rs, n) -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            return row.toString();
        }).list());
    }
}
