package io.rostersync.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.Districts;
import io.rostersync.directory.EntityKind;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A bulk load writes its rows without per-row foreign-key checks and checks them all before it commits. */
@Tag("database")
class ChangeStagerBulkTest {

    private static Database db;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("change_stager_bulk");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void aBulkLoadLandsWithEveryReferenceIntact() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("bulk-ok").id();
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(district)) {
            ChangeStager stager = new ChangeStager(tx.connection(), district, 1, "oneroster", true, 1);
            for (DirectoryChange change : smallDistrict(tx, 0)) {
                stager.accept(change);
            }
            stager.finish();
            tx.commit();
        }
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(district)) {
            // a later bulk run refers to records an earlier run made: they are looked up, and found
            long[] ids = ids(tx);
            long newcomer = tx.reserveIds(EntityKind.STUDENTS, 1)[0];
            long school = ids[0];
            ChangeStager stager = new ChangeStager(tx.connection(), district, 2, "oneroster", true, 1);
            stager.accept(person(EntityKind.STUDENTS, newcomer, "Eli", "student@" + school));
            stager.accept(new DirectoryChange.MemberAdded(ids[1], newcomer, "student", false, null, null));
            stager.accept(new DirectoryChange.GuardianLinkAdded(ids[2], newcomer, "parent", null, null));
            stager.finish();
            tx.commit();
        }
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(count(c, "classroom_member", district)).isEqualTo(4);
            assertThat(count(c, "guardian_link", district)).isEqualTo(2);
            assertThat(count(c, "person_role", district)).isEqualTo(5);
            assertThat(setting(c)).as("the triggers are on again for whatever the connection does next")
                    .isEqualTo("origin");
        }
    }

    /** The school, the classroom and the guardian of {@link #smallDistrict}. */
    private static long[] ids(DirectoryTransaction tx) throws Exception {
        try (Statement s = tx.connection().createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT id FROM school WHERE district_id = " + tx.districtId()
                     + "), (SELECT id FROM classroom WHERE district_id = " + tx.districtId() + "), (SELECT id FROM"
                     + " person WHERE kind = 'guardians' AND district_id = " + tx.districtId() + ")")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        }
    }

    @Test
    void aBulkLoadReferringToARecordThatDoesNotExistIsRefusedAndLeavesNothing() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("bulk-dangling").id();
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(district)) {
            ChangeStager stager = new ChangeStager(tx.connection(), district, 1, "oneroster", true, 1);
            for (DirectoryChange change : smallDistrict(tx, 9_000_000_000L)) {
                stager.accept(change);
            }
            assertThatThrownBy(stager::finish).isInstanceOf(ChangeStager.DirectoryWriteException.class)
                    .hasMessageContaining("rows created by run 1 refer to 1 person record(s) that do not exist");
        }
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(count(c, "person", district)).isZero();
            assertThat(count(c, "classroom_member", district)).isZero();
        }
    }

    @Test
    void aSmallLoadKeepsTheRowByRowChecks() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("small-dangling").id();
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(district)) {
            ChangeStager stager = new ChangeStager(tx.connection(), district, 1, "oneroster", true, 1_000);
            for (DirectoryChange change : smallDistrict(tx, 9_000_000_000L)) {
                stager.accept(change);
            }
            assertThatThrownBy(stager::finish).isInstanceOf(ChangeStager.DirectoryWriteException.class)
                    .hasMessageContaining("violates foreign key constraint");
        }
    }

    /** A school, a classroom, a teacher, two students and a guardian; with a dangling id, one more member. */
    private static List<DirectoryChange> smallDistrict(DirectoryTransaction tx, long danglingPerson) throws Exception {
        long school = tx.reserveIds(EntityKind.SCHOOLS, 1)[0];
        long classroom = tx.reserveIds(EntityKind.CLASSROOMS, 1)[0];
        long[] people = tx.reserveIds(EntityKind.STUDENTS, 4);
        List<DirectoryChange> changes = new ArrayList<>();
        changes.add(new DirectoryChange.Create(EntityKind.SCHOOLS, school, "org-1", List.of(),
                Map.of("name", "Maple Elementary"), null));
        changes.add(person(EntityKind.STAFF, people[0], "Ada", "teacher@" + school));
        changes.add(person(EntityKind.STUDENTS, people[1], "Ben", "student@" + school));
        changes.add(person(EntityKind.STUDENTS, people[2], "Cleo", "student@" + school));
        changes.add(person(EntityKind.GUARDIANS, people[3], "Dana", "parent@district"));
        changes.add(new DirectoryChange.Create(EntityKind.CLASSROOMS, classroom, "class-1", List.of(),
                Map.of("school_id", Long.toString(school), "title", "Reading", "grades", "03"), null));
        changes.add(new DirectoryChange.MemberAdded(classroom, people[0], "teacher", true, null, null));
        changes.add(new DirectoryChange.MemberAdded(classroom, people[1], "student", false, null, null));
        changes.add(new DirectoryChange.MemberAdded(classroom, people[2], "student", false, null, null));
        changes.add(new DirectoryChange.GuardianLinkAdded(people[3], people[1], "parent", null, null));
        if (danglingPerson != 0) {
            changes.add(new DirectoryChange.MemberAdded(classroom, danglingPerson, "student", false, null, null));
        }
        return changes;
    }

    private static DirectoryChange person(EntityKind kind, long id, String given, String roles) {
        return new DirectoryChange.Create(kind, id, "user-" + id, List.of(),
                Map.of("given_name", given, "family_name", "Okafor", "roles", roles), null);
    }

    private static long count(Connection c, String table, long district) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table + " WHERE district_id = " + district)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String setting(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW session_replication_role")) {
            r.next();
            return r.getString(1);
        }
    }
}
