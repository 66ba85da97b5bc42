package io.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What consumers stream from a snapshot: typed records, read as validation read them, bad rows left out. */
class RosterSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void streamsTypedRecordsWithTheirOrigin() throws Exception {
        RosterSnapshot snapshot = OneRosterReader.read(TestPackages.copyOf("v1.1", dir)).snapshot();
        assertThat(snapshot.version()).isEqualTo(OneRosterVersion.V1_1);
        try (Stream<User> users = snapshot.users()) {
            User amara = users.filter(u -> u.sourcedId().equals("u-s1")).findFirst().orElseThrow();
            assertThat(amara.givenName()).isEqualTo("Amara");
            assertThat(amara.identifier()).isEqualTo("1001");
            assertThat(amara.userIds()).containsExactly(new UserId("SIS", "1001"));
            assertThat(amara.agentSourcedIds()).containsExactly("u-p1");
            assertThat(amara.grades()).containsExactly("03");
            assertThat(amara.status()).isEqualTo(RecordStatus.ACTIVE);
            assertThat(amara.origin()).isEqualTo(new RecordOrigin(RosterFile.USERS, 4));
        }
        try (Stream<RosterClass> classes = snapshot.classes()) {
            assertThat(classes.filter(c -> c.sourcedId().equals("k-hr3a")).findFirst().orElseThrow().termSourcedIds())
                    .containsExactly("t1", "t2");
        }
        try (Stream<Enrollment> enrollments = snapshot.enrollments()) {
            assertThat(enrollments.toList()).extracting(Enrollment::sourcedId, Enrollment::role, Enrollment::primary)
                    .containsExactly(tuple("e1", "teacher", true), tuple("e2", "student", false),
                            tuple("e3", "teacher", true), tuple("e4", "student", false));
        }
    }

    @Test
    void derivesOneRolePerOrgFromA11UsersFile() throws Exception {
        RosterSnapshot snapshot = OneRosterReader.read(TestPackages.copyOf("v1.1", dir)).snapshot();
        try (Stream<UserRole> roles = snapshot.roles()) {
            List<UserRole> parent = roles.filter(r -> r.userSourcedId().equals("u-p1")).toList();
            assertThat(parent).extracting(UserRole::role, UserRole::orgSourcedId, UserRole::isPrimary)
                    .containsExactly(tuple("parent", "s1", true), tuple("parent", "s2", true));
        }
    }

    @Test
    void readsRolesFromRolesCsvIn12() throws Exception {
        RosterSnapshot snapshot = OneRosterReader.read(TestPackages.copyOf("v1.2", dir)).snapshot();
        try (Stream<UserRole> roles = snapshot.roles()) {
            assertThat(roles.filter(r -> r.userSourcedId().equals("u-p1")).toList())
                    .extracting(UserRole::sourcedId, UserRole::roleType, UserRole::orgSourcedId)
                    .containsExactly(tuple("r5", "primary", "s1"), tuple("r6", "secondary", "s2"));
        }
        try (Stream<User> users = snapshot.users()) {
            User bilal = users.filter(u -> u.sourcedId().equals("u-s2")).findFirst().orElseThrow();
            assertThat(bilal.preferredGivenName()).isEqualTo("Bil");
            assertThat(bilal.primaryOrgSourcedId()).isEqualTo("s2");
        }
    }

    @Test
    void leavesOutRowsWithErrorsAndReadsForgivenValuesAsMeant() throws Exception {
        Path pkg = TestPackages.copyOf("v1.1", dir);
        TestPackages.append(pkg, "users.csv",
                "u-s3,,,TRUE,s2,Student,jlee,{State Student Number: },Jun,Lee,,1003, jlee@example.org ,,,,9,secret",
                "u-s4,,,true,s1,student,nobody,,,Lee,,1004,,,,,03,");
        ReadResult result = OneRosterReader.read(pkg);
        assertThat(result.report().count(ProblemCode.FIELD_REQUIRED)).isEqualTo(1);
        assertThat(result.snapshot().file(RosterFile.USERS).orElseThrow().rejectedRows()).isEqualTo(1);
        try (Stream<User> users = result.snapshot().users()) {
            List<User> all = users.toList();
            assertThat(all).extracting(User::sourcedId).contains("u-s3").doesNotContain("u-s4");
            User jun = all.stream().filter(u -> u.sourcedId().equals("u-s3")).findFirst().orElseThrow();
            assertThat(jun.enabledUser()).isTrue();
            assertThat(jun.grades()).containsExactly("09");
            assertThat(jun.email()).isEqualTo("jlee@example.org");
            assertThat(jun.userIds()).isEmpty();
        }
        try (Stream<UserRole> roles = result.snapshot().roles()) {
            assertThat(roles.filter(r -> r.userSourcedId().equals("u-s3")).map(UserRole::role)).containsExactly("student");
        }
    }

    @Test
    void givesEachUsersRowWithTheRolesOfItsOwnColumnsInOneRead() throws Exception {
        RosterSnapshot snapshot = OneRosterReader.read(TestPackages.copyOf("v1.1", dir)).snapshot();
        List<UserRole> fromRows;
        try (Stream<UserRow> rows = snapshot.userRows()) {
            List<UserRow> all = rows.toList();
            try (Stream<User> users = snapshot.users()) {
                assertThat(all).extracting(UserRow::user).isEqualTo(users.toList());
            }
            fromRows = all.stream().flatMap(r -> r.roles().stream()).toList();
            UserRow parent = all.stream().filter(r -> r.user().sourcedId().equals("u-p1")).findFirst().orElseThrow();
            assertThat(parent.roles()).extracting(UserRole::role, UserRole::orgSourcedId)
                    .containsExactly(tuple("parent", "s1"), tuple("parent", "s2"));
        }
        try (Stream<UserRole> roles = snapshot.roles(); Stream<UserRole> roleRows = snapshot.roleRows()) {
            assertThat(fromRows).isEqualTo(roles.toList());
            assertThat(roleRows).isEmpty();
        }
    }

    @Test
    void inA12PackageTheRolesAreRowsOfRolesCsvNotOfUsersCsv() throws Exception {
        RosterSnapshot snapshot = OneRosterReader.read(TestPackages.copyOf("v1.2", dir)).snapshot();
        try (Stream<UserRow> rows = snapshot.userRows()) {
            assertThat(rows.flatMap(r -> r.roles().stream())).isEmpty();
        }
        try (Stream<UserRole> roles = snapshot.roles(); Stream<UserRole> roleRows = snapshot.roleRows()) {
            assertThat(roleRows.toList()).isNotEmpty().isEqualTo(roles.toList());
        }
    }

    @Test
    void knowsWhichEmailsMoreThanOneUsersRowCarries() throws Exception {
        Path pkg = TestPackages.copyOf("v1.1", dir);
        TestPackages.append(pkg, "users.csv",
                "u-t9,,,true,s1,teacher,ateacher,,Ann,Teacher,,T9, Ann.Teacher@Example.org ,,,,,",
                "u-p9,,,true,s1,parent,ateacher2,,Ann,Teacher,,,ann.teacher@example.org,,,,,",
                "u-p8,,,true,s1,parent,solo,,Sol,Solo,,,solo@example.org,,,,,");
        RosterSnapshot snapshot = OneRosterReader.read(pkg).snapshot();
        assertThat(snapshot.sharesEmail("ann.teacher@example.org")).isTrue();
        assertThat(snapshot.sharesEmail(" ANN.TEACHER@example.org")).isTrue();
        assertThat(snapshot.sharesEmail("solo@example.org")).isFalse();
        assertThat(snapshot.sharesEmail("nobody@example.org")).isFalse();
        assertThat(snapshot.sharesEmail(null)).isFalse();
        assertThat(snapshot.sharesEmail(" ")).isFalse();
    }

    @Test
    void readsTheSameRecordsFromAZip() throws Exception {
        Path folder = TestPackages.copyOf("v1.2", dir);
        Path zip = TestPackages.zip(folder, dir.resolve("v12.zip"));
        RosterSnapshot fromFolder = OneRosterReader.read(folder).snapshot();
        RosterSnapshot fromZip = OneRosterReader.read(zip).snapshot();
        try (Stream<User> a = fromFolder.users(); Stream<User> b = fromZip.users()) {
            assertThat(b.toList()).isEqualTo(a.toList());
        }
        try (Stream<Enrollment> a = fromFolder.enrollments(); Stream<Enrollment> b = fromZip.enrollments()) {
            assertThat(b.toList()).isEqualTo(a.toList());
        }
    }

    @Test
    void streamsNothingForAFileThatWasNotSent() throws Exception {
        RosterSnapshot snapshot = OneRosterReader.read(TestPackages.copyOf("minimal", dir)).snapshot();
        assertThat(snapshot.has(RosterFile.ORGS)).isFalse();
        try (Stream<Org> orgs = snapshot.orgs()) {
            assertThat(orgs).isEmpty();
        }
        try (Stream<RosterClass> classes = snapshot.classes()) {
            assertThat(classes.map(RosterClass::schoolSourcedId)).containsExactly("s1", "s2");
        }
    }
}
