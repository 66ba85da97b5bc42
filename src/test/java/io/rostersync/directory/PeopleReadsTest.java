package io.rostersync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The directory's reads: people in name order, page after page without a gap or a repeat; found by
 * the start of the family name, by both names in either order (the given or preferred one), by
 * student number and by email; archived people only when asked; filtered by role, school and grade;
 * a school admin's reach (the school's people and their students' guardians).
 */
@Tag("database")
class PeopleReadsTest {

    private static Database db;
    private static PeopleReads reads;
    private static long district;
    private static long east;
    private static long west;

    @BeforeAll
    static void seed() throws Exception {
        db = TestDatabases.fresh("people_reads");
        reads = new PeopleReads(db.dataSource());
        district = new Districts(db.dataSource()).findOrCreate("people-reads").id();
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(district)) {
            HandMadeRecords r = HandMadeRecords.in(tx);
            east = r.addSchool("East");
            west = r.addSchool("West");
            long mia = r.addPerson(HandMadePerson.named("Mia", "Chen").asStudent("04", "1001", "mchen"), "student", east);
            r.addPerson(HandMadePerson.named("Liam", "Chenoweth").asStudent("05", "1002", "lchen"), "student", east);
            r.addPerson(new HandMadePerson("William", "Núñez", "Bill", null, null, null, "04", "1003", "wnunez"),
                    "student", west);
            r.addPerson(HandMadePerson.named("Ana", "Abbott").asStudent("04", "1004", "aabbott"), "student", west);
            long li = r.addPerson(HandMadePerson.named("Li", "Chen").withContact("li.chen@example.org", null, null),
                    "parent", null);
            r.linkGuardian(li, mia, "parent");
            r.addPerson(HandMadePerson.named("Zoe", "Zimmer").withContact("zz@d.org", null, null), "teacher", west);
            long gone = r.addPerson(HandMadePerson.named("Old", "Chen").asStudent("04", "0999", "ochen"), "student",
                    east);
            tx.commit();
            JdbcClient.create(db.dataSource()).sql("UPDATE person SET state = 'archived' WHERE id = ?").param(gone)
                    .update();
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static List<String> names(String query, String role, Long school, String grade, boolean archived,
            Set<Long> reach) throws Exception {
        return reads.page(district, new PeopleReads.Filter(query, role, school, grade, null, archived, reach), null, 50)
                .rows().stream().map(r -> r.givenName() + " " + r.familyName()).toList();
    }

    private static List<String> names(String query) throws Exception {
        return names(query, null, null, null, false, null);
    }

    @Test
    void everyoneInNameOrderPageAfterPageWithoutGapOrRepeat() throws Exception {
        List<String> all = names(null);
        assertThat(all).containsExactly("Ana Abbott", "Li Chen", "Mia Chen", "Liam Chenoweth", "William Núñez",
                "Zoe Zimmer");
        List<String> paged = new ArrayList<>();
        PeopleReads.After after = null;
        do {
            PeopleReads.Page page = reads.page(district, new PeopleReads.Filter(null, null, null, null, null, false,
                    null), after, 2);
            assertThat(page.rows()).hasSizeLessThanOrEqualTo(2);
            page.rows().forEach(r -> paged.add(r.givenName() + " " + r.familyName()));
            after = page.next();
        } while (after != null);
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void foundByFamilyNameBothNamesStudentNumberOrEmail() throws Exception {
        assertThat(names("chen")).containsExactly("Li Chen", "Mia Chen", "Liam Chenoweth");
        assertThat(names("CHEN mia")).containsExactly("Mia Chen");
        assertThat(names("mia chen")).as("either order").containsExactly("Mia Chen");
        assertThat(names("mia")).as("a given name alone is no family name").isEmpty();
        assertThat(names("bill núñez")).as("the preferred name").containsExactly("William Núñez");
        assertThat(names("núñ")).containsExactly("William Núñez");
        assertThat(names("1002")).containsExactly("Liam Chenoweth");
        assertThat(names("li.chen@example.org")).containsExactly("Li Chen");
        assertThat(names("c_en")).as("a wildcard is a letter").isEmpty();
        assertThat(names("ch%")).as("a wildcard is a letter").isEmpty();
        assertThat(names("chen", null, null, null, true, null)).as("archived when asked")
                .containsExactly("Li Chen", "Mia Chen", "Old Chen", "Liam Chenoweth");
    }

    @Test
    void filteredByRoleSchoolAndGradeAndASchoolAdminsReach() throws Exception {
        assertThat(names(null, "student", east, null, false, null)).containsExactly("Mia Chen", "Liam Chenoweth");
        assertThat(names(null, "student", null, "04", false, null)).containsExactly("Ana Abbott", "Mia Chen",
                "William Núñez");
        assertThat(names(null, "teacher", null, null, false, null)).containsExactly("Zoe Zimmer");
        assertThat(names(null, null, null, null, false, Set.of(east))).as("East's people and its students' guardians")
                .containsExactly("Li Chen", "Mia Chen", "Liam Chenoweth");
        assertThat(names(null, null, null, null, false, Set.of(west))).containsExactly("Ana Abbott", "William Núñez",
                "Zoe Zimmer");
    }
}
