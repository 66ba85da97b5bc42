package io.rostersync.sync.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From the snapshot's users and roles to the people the directory should have. */
class DesiredPeopleTest {

    @TempDir
    Path dir;

    private static final Function<String, OptionalLong> BOTH_SCHOOLS =
            org -> switch (org) {
                case "s1" -> OptionalLong.of(1);
                case "s2" -> OptionalLong.of(2);
                default -> OptionalLong.empty();
            };

    private RosterSnapshot fixture(String base, String... extraUsers) throws Exception {
        Path target = dir.resolve(base);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/oneroster/bases", base))) {
            for (Path p : files.toList()) {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        }
        for (String row : extraUsers) {
            Files.writeString(target.resolve("users.csv"), row + "\n", StandardOpenOption.APPEND);
        }
        return OneRosterReader.read(target).snapshot();
    }

    private static List<DesiredPerson> people(RosterSnapshot snapshot, SyncSettings settings,
            Function<String, OptionalLong> schools, List<Skip> skips) {
        List<DesiredPerson> out = new ArrayList<>();
        new DesiredPeople(settings, schools, "d1"::equals).build(snapshot, out::add, skips::add);
        return out;
    }

    private static DesiredPerson find(List<DesiredPerson> people, String id) {
        return people.stream().filter(p -> p.sourcedId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void studentsStaffAndGuardiansWithTheirRolesAtTheirSchools11() throws Exception {
        List<Skip> skips = new ArrayList<>();
        List<DesiredPerson> people = people(fixture("v1.1"), SyncSettings.defaults(), BOTH_SCHOOLS, skips);
        assertThat(people).extracting(DesiredPerson::sourcedId).containsExactly("u-t1", "u-t2", "u-s1", "u-s2", "u-p1");
        assertThat(skips).isEmpty();
        DesiredPerson amara = find(people, "u-s1");
        assertThat(amara.kind()).isEqualTo(EntityKind.STUDENTS);
        assertThat(amara.fields()).containsAllEntriesOf(Map.of("given_name", "Amara", "family_name", "Okafor",
                "grade", "03", "student_number", "1001", "roles", "student@1"));
        assertThat(find(people, "u-t2").kind()).isEqualTo(EntityKind.STAFF);
        assertThat(find(people, "u-t2").fields()).doesNotContainKeys("grade", "student_number");
        DesiredPerson parent = find(people, "u-p1");
        assertThat(parent.kind()).isEqualTo(EntityKind.GUARDIANS);
        assertThat(parent.fields()).containsEntry("roles", "parent@1,parent@2")
                .containsEntry("sms_phone", "+15550100");
    }

    @Test
    void rolesComeFromRolesCsvIn12() throws Exception {
        List<Skip> skips = new ArrayList<>();
        List<DesiredPerson> people = people(fixture("v1.2"), SyncSettings.defaults(), BOTH_SCHOOLS, skips);
        assertThat(find(people, "u-p1").fields()).containsEntry("roles", "parent@1,parent@2");
        assertThat(find(people, "u-s2").fields()).containsEntry("preferred_given_name", "Bil");
        assertThat(find(people, "u-t1").kind()).isEqualTo(EntityKind.STAFF);
    }

    @Test
    void onlyTheSchoolsAndRolesThatSync() throws Exception {
        List<Skip> skips = new ArrayList<>();
        Function<String, OptionalLong> onlyS1 = org -> org.equals("s1") ? OptionalLong.of(1) : OptionalLong.empty();
        List<DesiredPerson> people = people(fixture("v1.1"), SyncSettings.defaults(), onlyS1, skips);
        assertThat(people).extracting(DesiredPerson::sourcedId).containsExactly("u-t1", "u-s1", "u-p1");
        assertThat(find(people, "u-p1").fields()).containsEntry("roles", "parent@1");
        assertThat(skips).extracting(Skip::sourcedId).containsExactly("u-t2", "u-s2");
    }

    @Test
    void aGuardianWithNeitherEmailNorSmsIsSkippedUnlessTheDistrictCreatesThem() throws Exception {
        String unreachable = "u-p2,,,true,s1,guardian,gram,,Rosa,Okafor,,,,,555-0188,u-s1,,";
        List<Skip> skips = new ArrayList<>();
        List<DesiredPerson> people = people(fixture("v1.1", unreachable), SyncSettings.defaults(), BOTH_SCHOOLS,
                skips);
        assertThat(people).extracting(DesiredPerson::sourcedId).doesNotContain("u-p2");
        assertThat(skips).singleElement().satisfies(s -> {
            assertThat(s.setting()).isEqualTo("guardiansWithoutContact");
            assertThat(s.kind()).isEqualTo(EntityKind.GUARDIANS);
        });
    }

    @Test
    void theStudentNumberIsTheSourcedIdWhenTheDistrictSaysSo() throws Exception {
        SyncSettings bySourcedId = new SyncSettings(java.util.Set.of(), SyncSettings.defaults().rolesThatSync(),
                SyncSettings.GuardianWithoutContact.SKIP, true, false, SyncSettings.StudentNumber.SOURCED_ID,
                List.of(), SyncSettings.Leavers.ARCHIVE, java.time.Duration.ZERO, Map.of(), true, false);
        List<DesiredPerson> people = people(fixture("v1.1"), bySourcedId, BOTH_SCHOOLS, new ArrayList<>());
        assertThat(find(people, "u-s1").fields()).containsEntry("student_number", "u-s1");
    }

    @Test
    void guardiansDoNotSyncWhenTheDistrictManagesThemElsewhere() throws Exception {
        SyncSettings noGuardians = new SyncSettings(java.util.Set.of(),
                java.util.EnumSet.of(SyncSettings.SyncedRole.STAFF, SyncSettings.SyncedRole.STUDENTS),
                SyncSettings.GuardianWithoutContact.SKIP, true, false, SyncSettings.StudentNumber.IDENTIFIER,
                List.of(), SyncSettings.Leavers.ARCHIVE, java.time.Duration.ZERO, Map.of(), true, false);
        List<Skip> skips = new ArrayList<>();
        List<DesiredPerson> people = people(fixture("v1.1"), noGuardians, BOTH_SCHOOLS, skips);
        assertThat(people).extracting(DesiredPerson::sourcedId).doesNotContain("u-p1");
        assertThat(skips).extracting(Skip::sourcedId).containsExactly("u-p1");
    }

    @Test
    void aTeacherWhoIsAlsoAParentIsOnePersonWithBothRoles() throws Exception {
        // OneRoster 1.1 sends her twice: as teacher u-t1 and, with the same name and email, as parent u-p9
        String parentRow = "u-p9,,,true,s2,parent,mrivera-parent,,María,Rivera,,,mrivera@maplevalley.example.org,,,u-s2,,";
        List<Skip> skips = new ArrayList<>();
        List<DesiredPerson> people = people(fixture("v1.1", parentRow), SyncSettings.defaults(), BOTH_SCHOOLS, skips);
        assertThat(people).extracting(DesiredPerson::sourcedId).containsOnlyOnce("u-t1").doesNotContain("u-p9");
        DesiredPerson maria = find(people, "u-t1");
        assertThat(maria.alsoSourcedIds()).containsExactly("u-p9");
        assertThat(maria.kind()).isEqualTo(EntityKind.STAFF);
        assertThat(maria.fields()).containsEntry("roles", "parent@2,teacher@1");
        assertThat(skips).isEmpty();
    }
    @Test
    void twoPeopleWhoShareAHouseholdEmailStayTwoPeople() throws Exception {
        // the rows share an email but not a name: held back while the file passes, then each is their own person
        String mother = "u-p8,,,true,s1,parent,ana-k,,Ana,Kowalski,,,family.k@example.org,,,u-s1,,";
        String father = "u-p7,,,true,s1,parent,jan-k,,Jan,Kowalski,,,Family.K@example.org,,,u-s1,,";
        List<Skip> skips = new ArrayList<>();
        List<DesiredPerson> people = people(fixture("v1.1", mother, father), SyncSettings.defaults(), BOTH_SCHOOLS,
                skips);
        assertThat(find(people, "u-p8").alsoSourcedIds()).isEmpty();
        assertThat(find(people, "u-p7").alsoSourcedIds()).isEmpty();
        assertThat(find(people, "u-p7").fields()).containsEntry("roles", "parent@1").containsEntry("given_name", "Jan");
        assertThat(skips).isEmpty();
    }

    @Test
    void inA12PackageTheRolesOfBothRowsComeFromRolesCsv() throws Exception {
        Path target = dir.resolve("v12-twice");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/oneroster/bases/v1.2"))) {
            for (Path p : files.toList()) {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        }
        Files.writeString(target.resolve("users.csv"), "u-p9,,,true,mrivera-parent,,María,Rivera,,,"
                + "MRivera@maplevalley.example.org,,,u-s2,,,,,,,s2,\n", StandardOpenOption.APPEND);
        Files.writeString(target.resolve("roles.csv"), "r99,,,u-p9,primary,parent,,,s2,\n", StandardOpenOption.APPEND);
        List<Skip> skips = new ArrayList<>();
        List<DesiredPerson> people = people(OneRosterReader.read(target).snapshot(), SyncSettings.defaults(),
                BOTH_SCHOOLS, skips);
        DesiredPerson maria = find(people, "u-t1");
        assertThat(maria.alsoSourcedIds()).containsExactly("u-p9");
        assertThat(maria.fields()).containsEntry("roles", "parent@2,teacher@1");
        assertThat(people).extracting(DesiredPerson::sourcedId).doesNotContain("u-p9");
    }
}
