package io.rostersync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

@Tag("database")
class HandMadeRecordsTest {

    private static Database db;
    private static DirectoryStore store;
    private static Districts districts;
    private static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("hand_made_records");
        store = new DirectoryStore(db.dataSource());
        districts = new Districts(db.dataSource());
        jdbc = JdbcClient.create(db.dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private long epoch(District d) {
        return jdbc.sql("SELECT directory_epoch FROM district WHERE id = ?").param(d.id()).query(Long.class).single();
    }

    @Test
    void recordsMadeByHandAreManagedByNoSourceAndMoveTheDirectoryEpoch() throws SQLException {
        District d = districts.findOrCreate("hand-made");
        long before = epoch(d);
        long student;
        try (DirectoryTransaction tx = store.begin(d.id())) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            long school = records.addSchool("Oak Elem.");
            student = records.addPerson(HandMadePerson.named("Bill", "Ortiz").asStudent("03", null, "bill.ortiz"),
                    "student", school);
            long parent = records.addPerson(HandMadePerson.named("Ana", "Ortiz").withContact(null, "+12065550100", null),
                    "parent", school);
            long classroom = records.addClassroom(new HandMadeClassroom(school, "Reading Buddies", "RB-1", List.of("03"),
                    List.of(), List.of()));
            records.addMember(classroom, student, "student", false);
            records.linkGuardian(parent, student, "parent");
            records.addAnnouncement(student, "Picture day", "Tuesday", Instant.parse("2026-03-03T15:30:00Z"));
            records.addBackpackItem(student, "Reading log.pdf", "demo://reading-log.pdf", Instant.now());
            records.addInteractionLog(student, "note", "Reads every day", "Ms. Kim", Instant.now());
            records.setAttribute(student, "bus_route", "Route 4");
            records.setAttribute(student, "bus_route", "Route 5");
            tx.commit();
        }
        assertThat(epoch(d)).isGreaterThan(before);
        assertThat(jdbc.sql("SELECT kind FROM person WHERE district_id = ? ORDER BY id").param(d.id())
                .query(String.class).list()).containsExactly("students", "guardians");
        assertThat(jdbc.sql("""
                SELECT (SELECT count(*) FROM person WHERE district_id = ?1 AND managed_by IS NOT NULL)
                     + (SELECT count(*) FROM classroom WHERE district_id = ?1 AND managed_by IS NOT NULL)
                     + (SELECT count(*) FROM source_link WHERE district_id = ?1)
                     + (SELECT count(*) FROM school_source_id WHERE district_id = ?1)""".replace("?1", "?"))
                .params(d.id(), d.id(), d.id(), d.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT value FROM student_attribute WHERE district_id = ? AND student_id = ?")
                .params(d.id(), student).query(String.class).single()).isEqualTo("Route 5");
    }

    @Test
    void aSchoolIdMatchesOneSchoolOnly() throws SQLException {
        District d = districts.findOrCreate("school-ids");
        try (DirectoryTransaction tx = store.begin(d.id())) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            long lincoln = records.addSchool("Lincoln Elem.");
            records.addSchoolId(lincoln, "org-1");
            records.addSchoolId(lincoln, "org-1b");
            tx.commit();
        }
        assertThat(new DirectoryReads(db.dataSource()).schools(d.id())).singleElement()
                .satisfies(s -> assertThat(s.schoolIds()).containsExactlyInAnyOrder("org-1", "org-1b"));
        try (DirectoryTransaction tx = store.begin(d.id())) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            long other = records.addSchool("Lincoln Annex");
            assertThatThrownBy(() -> records.addSchoolId(other, "org-1")).isInstanceOf(SQLException.class);
        }
    }
}
