package io.rostersync.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.directory.HandMadeClassroom;
import io.rostersync.directory.HandMadePerson;
import io.rostersync.directory.HandMadeRecords;
import io.rostersync.directory.StudentMerges;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Merge, then undo the merge, is the identity: on random pairs of students (either one the sync's,
 * attributes of the same names updated at the same or other times, guardians and classes in
 * common or not, identifiers alike or not, answers naming the merged record), every row of the
 * district is as it was, every column of it.
 */
@Tag("database")
class MergeUndoProperties {

    private static final List<String> ATTRIBUTES = List.of("bus_route", "lunch_number", "allergy", "locker");
    private static final AtomicInteger DISTRICTS = new AtomicInteger();
    private static Database db;
    private static JdbcClient jdbc;

    @BeforeContainer
    static void database() {
        db = TestDatabases.fresh("merge_undo");
        jdbc = JdbcClient.create(db.dataSource());
    }

    @AfterContainer
    static void drop() {
        db.close();
    }

    /** One of the two students: what is linked to them. */
    record Student(boolean synced, String username, String number, List<Integer> attributes, List<Integer> attributeDays,
            int announcements, int backpack, int logs, List<Integer> guardians, List<Integer> classes, boolean answer) {
    }

    @Provide
    Arbitrary<Student> students() {
        Arbitrary<List<Integer>> some = Arbitraries.integers().between(0, 3).set().ofMaxSize(4)
                .map(s -> s.stream().sorted().toList());
        Arbitrary<List<Integer>> days = Arbitraries.integers().between(0, 2).list().ofSize(4);
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("ana", "ANA", "bo", null),
                Arbitraries.of("00123", "123", "456", null), some, days, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2))
                .flatAs((synced, user, number, attrs, attrDays, ann, back, logs) -> Combinators.combine(some, some,
                        Arbitraries.of(true, false)).as((guardians, classes, answer) -> new Student(synced, user,
                                number, attrs, attrDays, ann, back, logs, guardians, classes, answer)));
    }

    @Property(tries = 30)
    void mergeThenUndoIsTheIdentity(@ForAll("students") Student survivor, @ForAll("students") Student merged)
            throws Exception {
        District d = new Districts(db.dataSource()).findOrCreate("merge-" + DISTRICTS.incrementAndGet());
        long[] ids = new long[2];
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(d.id())) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            long school = records.addSchool("School");
            long[] guardians = new long[4];
            for (int g = 0; g < guardians.length; g++) {
                guardians[g] = records.addPerson(HandMadePerson.named("Parent" + g, "Family"), "parent", null);
            }
            long[] classes = new long[4];
            for (int k = 0; k < classes.length; k++) {
                classes[k] = records.addClassroom(new HandMadeClassroom(school, "Class " + k, null, List.of("04"),
                        List.of(), List.of()));
            }
            Student[] both = {survivor, merged};
            for (int i = 0; i < 2; i++) {
                Student s = both[i];
                long id = records.addPerson(HandMadePerson.named("Kid" + i, "Family").asStudent("04", s.number(),
                        s.username() == null ? null : s.username() + i), "student", school);
                ids[i] = id;
                for (int a = 0; a < s.attributes().size(); a++) {
                    records.setAttribute(id, ATTRIBUTES.get(s.attributes().get(a)), "value " + i + a);
                }
                for (int n = 0; n < s.announcements(); n++) {
                    records.addAnnouncement(id, "News " + n, "", Instant.parse("2026-02-01T00:00:00Z"));
                }
                for (int n = 0; n < s.backpack(); n++) {
                    records.addBackpackItem(id, "Form " + n, "ref-" + n, Instant.parse("2026-02-01T00:00:00Z"));
                }
                for (int n = 0; n < s.logs(); n++) {
                    records.addInteractionLog(id, "call", "note " + n, "teacher", Instant.parse("2026-02-01T00:00:00Z"));
                }
                for (int g : s.guardians()) {
                    records.linkGuardian(guardians[g], id, "parent");
                }
                for (int k : s.classes()) {
                    records.addMember(classes[k], id, "student", false);
                }
            }
            tx.commit();
        }
        // the sync's records: managed, linked to a source record, with a role, links and memberships of the sync
        Student[] both = {survivor, merged};
        for (int i = 0; i < 2; i++) {
            for (int a = 0; a < both[i].attributes().size(); a++) {
                // when each attribute was last set: on the same day (the kept record's wins) or not
                jdbc.sql("UPDATE student_attribute SET updated_at = ? WHERE district_id = ? AND student_id = ?"
                        + " AND name = ?").params(java.sql.Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")
                                .plusSeconds(86_400L * both[i].attributeDays().get(a))), d.id(), ids[i],
                                ATTRIBUTES.get(both[i].attributes().get(a))).update();
            }
            if (both[i].synced() && !(i == 0 && merged.synced())) {
                jdbc.sql("UPDATE person SET managed_by = 'oneroster' WHERE district_id = ? AND id = ?")
                        .params(d.id(), ids[i]).update();
                for (String table : List.of("person_role", "guardian_link", "classroom_member")) {
                    jdbc.sql("UPDATE " + table + " SET managed_by = 'oneroster' WHERE district_id = ? AND "
                            + (table.equals("guardian_link") ? "student_id" : "person_id") + " = ?")
                            .params(d.id(), ids[i]).update();
                }
                jdbc.sql("INSERT INTO source_link (district_id, source, kind, sourced_id, local_id) VALUES (?,"
                        + " 'oneroster', 'person', ?, ?)").params(d.id(), "stu-" + i, ids[i]).update();
            }
            if (both[i].answer()) {
                jdbc.sql("INSERT INTO match_decision (district_id, source, kind, sourced_id, link_to, decided_by)"
                        + " VALUES (?, 'oneroster', 'person', ?, ?, 'admin')").params(d.id(), "q-" + i, ids[i])
                        .update();
            }
        }
        String before = DistrictRows.of(db.dataSource(), d.id());
        // of two attributes of one name, the one set last wins (on the same day, the kept record's)
        List<String> expected = jdbc.sql("""
                SELECT DISTINCT ON (name) name || '=' || value FROM student_attribute
                WHERE district_id = ? AND student_id IN (?, ?)
                ORDER BY name, updated_at DESC, (student_id = ?) DESC""").params(d.id(), ids[0], ids[1], ids[0])
                .query(String.class).list();
        Merging merging = new Merging(db.dataSource());
        long merge = merging.merge(d.id(), ids[0], ids[1], "admin");
        assertThat(jdbc.sql("SELECT name || '=' || value FROM student_attribute WHERE district_id = ?"
                + " AND student_id = ? ORDER BY name").params(d.id(), ids[0]).query(String.class).list())
                .isEqualTo(expected);
        for (String table : List.of("announcement", "backpack_item", "interaction_log", "student_attribute")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE district_id = ? AND student_id = ?")
                    .params(d.id(), ids[1]).query(Long.class).single()).as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT count(DISTINCT name) = count(*) FROM student_attribute WHERE district_id = ?"
                + " AND student_id = ?").params(d.id(), ids[0]).query(Boolean.class).single()).isTrue();
        StudentMerges.Merge undone = merging.unmerge(d.id(), merge, "admin");
        assertThat(undone.undone()).isTrue();
        assertThat(DistrictRows.of(db.dataSource(), d.id())).isEqualTo(before);
        assertThat(Set.of(undone.survivorId(), undone.mergedId())).containsExactlyInAnyOrder(ids[0], ids[1]);
    }
}
