package io.rostersync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.generator.RosterGenerator;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.ReadResult;
import io.rostersync.oneroster.RosterClass;
import io.rostersync.oneroster.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo roster is one fixed package, and the hand-made records describe it truly: every twin is a
 * roster child under the stated difference, every match names a school or class the roster has,
 * and the children who left are nobody in it.
 */
class DemoRecordsTest {

    @TempDir
    static Path temp;
    private static Path zip;
    private static ReadResult read;
    private static Map<String, User> users;
    private static final DemoRecords RECORDS = DemoDistrict.records();

    @BeforeAll
    static void roster() throws Exception {
        zip = RosterGenerator.generate(DemoDistrict.rosterOptions(0), temp.resolve("demo.zip")).output();
        read = OneRosterReader.read(zip);
        users = new HashMap<>();
        try (var stream = read.snapshot().users()) {
            stream.forEach(u -> users.put(u.sourcedId(), u));
        }
    }

    @Test
    void theDemoZipIsTheSameBytesEveryTimeAndValidatesWithoutErrors() throws Exception {
        Path again = RosterGenerator.generate(DemoDistrict.rosterOptions(0), temp.resolve("again.zip")).output();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(zip));
        assertThat(read.report().errors()).isZero();
        assertThat(read.report().warnings()).isZero();
        long students = users.values().stream().filter(u -> u.grades().size() == 1).count();
        assertThat(students).isEqualTo(DemoDistrict.STUDENTS);
    }

    @Test
    void theRecordsAreTheSameEveryTimeTheyAreMade() {
        assertThat(DemoDistrict.records()).isEqualTo(RECORDS);
    }

    @Test
    void itHasTheStatedNumbersOfEachKind() {
        assertThat(RECORDS.counts()).isEqualTo(new DemoCounts(4, 14, 7, 56, 25, 25, 61, 84, 38, 70, 112));
        assertThat(RECORDS.twins()).hasSize(40);
        assertThat(RECORDS.twins().stream().collect(Collectors.groupingBy(Twin::difference, Collectors.counting())))
                .containsOnlyKeys(Twin.NameDifference.values()).allSatisfy((d, n) -> assertThat(n).isEqualTo(8));
        assertThat(RECORDS.twins().stream().filter(t -> t.studentNumber() == Twin.StudentNumber.MISSING)).hasSize(20);
        assertThat(RECORDS.linkedBySync()).extracting(SyncMatch::rule).containsOnly("EMAIL", "STUDENT_NUMBER");
        assertThat(RECORDS.linkedBySync().stream().filter(m -> m.role().equals("teacher"))).hasSize(6);
        assertThat(RECORDS.linkedBySync().stream().filter(m -> m.role().equals("student"))).hasSize(4);
        assertThat(RECORDS.leftTheDistrict()).hasSize(12);
    }

    @Test
    void everyTwinIsARosterChildUnderTheStatedDifference() {
        Set<String> usernames = new HashSet<>();
        for (Twin twin : RECORDS.twins()) {
            User child = users.get(twin.rosterSourcedId());
            assertThat(child).as(twin.toString()).isNotNull();
            assertThat(List.of(child.givenName(), child.familyName()))
                    .containsExactly(twin.rosterGivenName(), twin.rosterFamilyName());
            assertThat(usernames.add(twin.handMadeUsername())).as("usernames are unique").isTrue();
            String given = twin.handMadeGivenName();
            String family = twin.handMadeFamilyName();
            String rosterGiven = twin.rosterGivenName();
            String rosterFamily = twin.rosterFamilyName();
            switch (twin.difference()) {
                case NICKNAME -> {
                    assertThat(family).isEqualTo(rosterFamily);
                    assertThat(fold(rosterGiven)).as("not a shortening the sync forgives").doesNotStartWith(fold(given));
                }
                case TYPO -> {
                    assertThat(given).isEqualTo(rosterGiven);
                    assertThat(family).isNotEqualTo(rosterFamily);
                    assertThat(sorted(family)).isEqualTo(sorted(rosterFamily));
                }
                case HYPHEN_DROPPED -> {
                    assertThat(hyphens(given + family)).isLessThan(hyphens(rosterGiven + rosterFamily));
                    assertThat((given + family).replaceAll("[- ]", ""))
                            .isEqualTo((rosterGiven + rosterFamily).replaceAll("[- ]", ""));
                }
                case ACCENTS_DROPPED -> {
                    assertThat(given + family).isNotEqualTo(rosterGiven + rosterFamily);
                    assertThat(given + " " + family).isEqualTo(plain(rosterGiven + " " + rosterFamily));
                }
                case NAMES_SWAPPED -> assertThat(List.of(given, family)).containsExactly(rosterFamily, rosterGiven);
            }
        }
    }

    @Test
    void theSchoolsAndClassroomsMatchTheRostersByIdButNotByName() {
        Map<String, String> schools = new HashMap<>();
        try (var orgs = read.snapshot().orgs()) {
            orgs.filter(o -> o.isSchool()).forEach(o -> schools.put(o.sourcedId(), o.name()));
        }
        assertThat(RECORDS.schools().stream().filter(s -> s.orgSourcedId() != null))
                .hasSize(DemoDistrict.SCHOOLS)
                .allSatisfy(s -> {
                    assertThat(schools).containsEntry(s.orgSourcedId(), s.rosterName());
                    assertThat(fold(s.handMadeName())).isNotEqualTo(fold(s.rosterName()));
                });
        Map<String, RosterClass> classes = new HashMap<>();
        try (var stream = read.snapshot().classes()) {
            stream.forEach(c -> classes.put(c.sourcedId(), c));
        }
        List<ClassroomMatch> matched = RECORDS.classrooms().stream().filter(c -> c.classSourcedId() != null).toList();
        assertThat(matched).hasSize(9).allSatisfy(c -> assertThat(classes.get(c.classSourcedId()).title())
                .isEqualTo(c.classTitle()));
        assertThat(matched.stream().filter(ClassroomMatch::sameTitle)).hasSize(3);
    }

    @Test
    void theChildrenWhoLeftAreNobodyInTheRoster() {
        Set<String> rosterNames = users.values().stream().map(u -> fold(u.givenName()) + "." + fold(u.familyName()))
                .collect(Collectors.toSet());
        assertThat(RECORDS.leftTheDistrict()).doesNotContainAnyElementsOf(rosterNames)
                .doesNotContainAnyElementsOf(RECORDS.twins().stream().map(Twin::handMadeUsername).toList());
    }

    @Test
    void docsDemoDistrictListsTheRecordsAsTheCodeHasThem() throws Exception {
        String page = Files.readString(Path.of("docs/demo-district.md"));
        List<String> rows = new java.util.ArrayList<>();
        RECORDS.schools().forEach(s -> rows.add(row(s.handMadeName(), s.rosterName() == null ? "(none)" : s.rosterName(),
                code(s.orgSourcedId()))));
        RECORDS.classrooms().forEach(c -> rows.add(row(code(c.code()), c.title(),
                c.classTitle() == null ? "(none)" : c.classTitle(), code(c.classSourcedId()))));
        RECORDS.twins().forEach(t -> rows.add(row(code(t.handMadeUsername()),
                t.handMadeGivenName() + " " + t.handMadeFamilyName(), t.rosterGivenName() + " " + t.rosterFamilyName(),
                code(t.rosterSourcedId()), t.difference().name(), t.studentNumber().name())));
        RECORDS.linkedBySync().forEach(m -> rows.add(row(m.role(), code(m.handMadeKey()), code(m.rosterSourcedId()),
                m.rule())));
        RECORDS.leftTheDistrict().forEach(u -> rows.add(code(u)));
        assertThat(page).contains(rows);
        long tableRows = page.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| ---")).count();
        int countsTable = 10;
        int headers = 5;
        assertThat(tableRows).as("no row the records do not have").isEqualTo(rows.size()
                - RECORDS.leftTheDistrict().size() + countsTable + headers);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String code(String value) {
        return value == null ? "" : "`" + value + "`";
    }

    private static String plain(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "").replace('ł', 'l')
                .replace('đ', 'd').replace('Đ', 'D');
    }

    private static String fold(String s) {
        return plain(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static long hyphens(String s) {
        return s.chars().filter(c -> c == '-').count();
    }

    private static String sorted(String s) {
        return s.chars().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
