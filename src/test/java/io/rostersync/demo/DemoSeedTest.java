package io.rostersync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.schedule.SyncSchedule;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Seeding a new demo district writes the stated hand-made records once, and nothing of a sync. */
@Tag("database")
class DemoSeedTest {

    private static Database db;
    private static JdbcClient jdbc;
    private static District demo;
    private static Optional<DemoCounts> seeded;

    @BeforeAll
    static void seed() {
        db = TestDatabases.fresh("demo_seed");
        jdbc = JdbcClient.create(db.dataSource());
        demo = new Districts(db.dataSource()).findOrCreate(DemoDistrict.SLUG);
        seeded = DemoDistrict.seed(db.dataSource(), demo.id(), io.rostersync.TestSecrets.BOX.birthDateKey(demo.id()));
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private long count(String sql) {
        return jdbc.sql(sql).param(demo.id()).query(Long.class).single();
    }

    @Test
    void itWritesTheStatedNumberOfEachKind() {
        DemoCounts counts = DemoDistrict.records().counts();
        assertThat(seeded).contains(counts);
        assertThat(count("SELECT count(*) FROM school WHERE district_id = ?")).isEqualTo(counts.schools());
        assertThat(count("SELECT count(*) FROM classroom WHERE district_id = ?")).isEqualTo(counts.classrooms());
        Map<String, Long> people = jdbc.sql("SELECT kind, count(*) FROM person WHERE district_id = ? GROUP BY kind")
                .param(demo.id()).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(people).containsExactlyInAnyOrderEntriesOf(Map.of("staff", (long) counts.teachers(), "students",
                (long) counts.students(), "guardians", (long) counts.guardians()));
        assertThat(count("SELECT count(*) FROM person_role WHERE district_id = ?"))
                .isEqualTo(counts.teachers() + counts.students() + counts.guardians());
        assertThat(count("SELECT count(*) FROM guardian_link WHERE district_id = ?")).isEqualTo(counts.guardianLinks());
        assertThat(count("SELECT count(*) FROM classroom_member WHERE district_id = ?"))
                .isEqualTo(counts.classroomMembers());
        assertThat(count("SELECT count(*) FROM announcement WHERE district_id = ?")).isEqualTo(counts.announcements());
        assertThat(count("SELECT count(*) FROM backpack_item WHERE district_id = ?")).isEqualTo(counts.backpackItems());
        assertThat(count("SELECT count(*) FROM interaction_log WHERE district_id = ?"))
                .isEqualTo(counts.interactionLogs());
        assertThat(count("SELECT count(*) FROM student_attribute WHERE district_id = ?")).isEqualTo(counts.attributes());
    }

    @Test
    void everythingIsHandMadeWithoutSchoolIdsOrLinks() {
        assertThat(count("SELECT count(*) FROM school_source_id WHERE district_id = ?")).isZero();
        assertThat(count("SELECT count(*) FROM source_link WHERE district_id = ?")).isZero();
        assertThat(count("""
                WITH d AS (SELECT ?::bigint AS id)
                SELECT (SELECT count(*) FROM school, d WHERE district_id = d.id AND managed_by IS NOT NULL)
                     + (SELECT count(*) FROM person, d WHERE district_id = d.id AND managed_by IS NOT NULL)
                     + (SELECT count(*) FROM person_role, d WHERE district_id = d.id AND managed_by IS NOT NULL)
                     + (SELECT count(*) FROM classroom, d WHERE district_id = d.id AND managed_by IS NOT NULL)
                     + (SELECT count(*) FROM classroom_member, d WHERE district_id = d.id AND managed_by IS NOT NULL)
                     + (SELECT count(*) FROM guardian_link, d WHERE district_id = d.id AND managed_by IS NOT NULL)"""))
                .isZero();
        assertThat(count("SELECT count(*) FROM sync_run WHERE district_id = ?")).isZero();
        assertThat(count("SELECT count(*) FROM person WHERE district_id = ? AND state <> 'active'")).isZero();
    }

    @Test
    void theTwinsAndTheChildrenWhoLeftAreStudentsAtTheirSchools() {
        DemoRecords records = DemoDistrict.records();
        for (Twin twin : records.twins()) {
            Map<String, Object> student = jdbc.sql("""
                    SELECT p.given_name, p.family_name, p.student_number, s.name AS school FROM person p
                    JOIN person_role r ON r.district_id = p.district_id AND r.person_id = p.id AND r.role = 'student'
                    JOIN school s ON s.district_id = r.district_id AND s.id = r.school_id
                    WHERE p.district_id = ? AND p.username = ?""").params(demo.id(), twin.handMadeUsername())
                    .query().singleRow();
            assertThat(student.get("given_name")).isEqualTo(twin.handMadeGivenName());
            assertThat(student.get("family_name")).isEqualTo(twin.handMadeFamilyName());
            assertThat(student.get("student_number") == null).isEqualTo(twin.studentNumber() == Twin.StudentNumber.MISSING);
            assertThat(records.schools()).extracting(SchoolMatch::handMadeName).contains((String) student.get("school"));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE district_id = ? AND username = ANY (?)")
                .params(demo.id(), records.leftTheDistrict().toArray(String[]::new)).query(Long.class).single())
                .isEqualTo(records.leftTheDistrict().size());
    }

    @Test
    void itsSyncStaysDisabledAsANewDistrictsWould() {
        assertThat(new SyncSchedule(db.dataSource()).syncEnabled(demo.id())).isFalse();
    }

    @Test
    void aDistrictThatHasRecordsIsNotSeededAgain() {
        long people = count("SELECT count(*) FROM person WHERE district_id = ?");
        assertThat(DemoDistrict.seed(db.dataSource(), demo.id(), io.rostersync.TestSecrets.BOX.birthDateKey(demo.id()))).isEmpty();
        assertThat(count("SELECT count(*) FROM person WHERE district_id = ?")).isEqualTo(people);
    }
}
