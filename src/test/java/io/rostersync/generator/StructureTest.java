package io.rostersync.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.RosterFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reads generated packages back and checks the model: references, headers, counts and households. */
class StructureTest {

    private static final int N = 2000;
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Set<String> GUARDIAN_ROLES = Set.of("parent", "guardian", "relative");

    static GeneratorOptions options(OneRosterVersion v) {
        return GeneratorOptions.of(N).withVersion(v).withSeed(42);
    }

    private static List<String> list(String value) {
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    @ParameterizedTest
    @EnumSource(value = OneRosterVersion.class, names = {"V1_1", "V1_2"})
    void headersAndManifestFollowTheBinding(OneRosterVersion v) {
        RosterPackage p = GeneratorFixtures.read(options(v));
        List<RosterFile> written = new ArrayList<>(List.of(RosterFile.ORGS, RosterFile.ACADEMIC_SESSIONS,
                RosterFile.COURSES, RosterFile.CLASSES, RosterFile.USERS, RosterFile.ENROLLMENTS));
        if (v == OneRosterVersion.V1_2) {
            written.add(RosterFile.ROLES);
        }
        assertThat(p.tables.keySet()).hasSize(written.size() + 1).contains("manifest.csv");
        for (RosterFile f : written) {
            RosterPackage.Table t = p.table(f.fileName());
            assertThat(t.header).as(f.fileName()).isEqualTo(f.header(v));
            assertThat(t.rows).as(f.fileName()).isNotEmpty();
            assertThat(t.rows).as(f.fileName() + " row width").allMatch(r -> r.size() == t.header.size());
            // Bulk: status and dateLastModified are blank; ids are unique and UUID-shaped.
            assertThat(t.column("status")).as(f.fileName()).allMatch(String::isEmpty);
            assertThat(t.column("dateLastModified")).as(f.fileName()).allMatch(String::isEmpty);
            List<String> ids = t.column("sourcedId");
            assertThat(new HashSet<>(ids)).as(f.fileName() + " unique ids").hasSize(ids.size());
            assertThat(ids).allMatch(id -> UUID.matcher(id).matches());
        }
        RosterPackage.Table manifest = p.table("manifest.csv");
        assertThat(manifest.header).containsExactly("propertyName", "value");
        Map<String, String> props = new HashMap<>();
        manifest.rows.forEach(r -> props.put(r.get(0), r.get(1)));
        assertThat(props).containsEntry("manifest.version", "1.0").containsEntry("oneroster.version", v.label())
                .containsKey("source.systemName");
        for (RosterFile f : RosterFile.values()) {
            if (f.existsIn(v)) {
                assertThat(props).containsEntry(f.manifestKey(), written.contains(f) ? "bulk" : "absent");
            } else {
                assertThat(props).doesNotContainKey(f.manifestKey());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = OneRosterVersion.class, names = {"V1_1", "V1_2"})
    void everyReferenceResolves(OneRosterVersion v) {
        RosterPackage p = GeneratorFixtures.read(options(v));
        RosterPackage.Table orgs = p.table("orgs.csv");
        RosterPackage.Table sessions = p.table("academicSessions.csv");
        RosterPackage.Table courses = p.table("courses.csv");
        RosterPackage.Table classes = p.table("classes.csv");
        RosterPackage.Table users = p.table("users.csv");
        RosterPackage.Table enrollments = p.table("enrollments.csv");
        Map<String, List<String>> orgById = orgs.byId();
        Set<String> schools = new HashSet<>();
        orgs.stream().filter(r -> orgs.get(r, "type").equals("school")).forEach(r -> schools.add(r.get(0)));
        assertThat(orgs.column("type")).containsOnly("district", "school");
        orgs.stream().forEach(r -> {
            String parent = orgs.get(r, "parentSourcedId");
            assertThat(parent.isEmpty() || orgById.containsKey(parent)).isTrue();
        });
        Map<String, List<String>> sessionById = sessions.byId();
        sessions.stream().forEach(r -> {
            String parent = sessions.get(r, "parentSourcedId");
            assertThat(parent.isEmpty() || sessionById.containsKey(parent)).isTrue();
        });
        assertThat(sessions.column("type")).contains("schoolYear", "semester", "gradingPeriod");

        Map<String, List<String>> courseById = courses.byId();
        courses.stream().forEach(r -> {
            assertThat(schools).contains(courses.get(r, "orgSourcedId"));
            assertThat(sessions.get(sessionById.get(courses.get(r, "schoolYearSourcedId")), "type")).isEqualTo("schoolYear");
        });
        Map<String, List<String>> classById = classes.byId();
        classes.stream().forEach(r -> {
            List<String> course = courseById.get(classes.get(r, "courseSourcedId"));
            assertThat(course).isNotNull();
            assertThat(schools).contains(classes.get(r, "schoolSourcedId"));
            assertThat(courses.get(course, "orgSourcedId")).isEqualTo(classes.get(r, "schoolSourcedId"));
            assertThat(list(classes.get(r, "termSourcedIds"))).isNotEmpty().allMatch(sessionById::containsKey);
            assertThat(classes.get(r, "classType")).isIn("homeroom", "scheduled");
        });

        Map<String, List<String>> userById = users.byId();
        Map<String, Set<String>> rolesOf = roles(p, v);
        users.stream().forEach(r -> {
            for (String agent : list(users.get(r, "agentSourcedIds"))) {
                List<String> other = userById.get(agent);
                assertThat(other).as("agent %s of %s", agent, r.get(0)).isNotNull();
                assertThat(list(users.get(other, "agentSourcedIds"))).as("link back").contains(r.get(0));
            }
            if (v == OneRosterVersion.V1_1) {
                List<String> orgIds = list(users.get(r, "orgSourcedIds"));
                assertThat(orgIds).isNotEmpty().allMatch(orgById::containsKey).doesNotHaveDuplicates();
            } else {
                assertThat(orgById).containsKey(users.get(r, "primaryOrgSourcedId"));
            }
        });
        if (v == OneRosterVersion.V1_2) {
            RosterPackage.Table roles = p.table("roles.csv");
            Map<String, Integer> primaries = new HashMap<>();
            Set<String> userOrgs = new HashSet<>();
            roles.stream().forEach(r -> {
                String user = roles.get(r, "userSourcedId");
                String org = roles.get(r, "orgSourcedId");
                assertThat(userById).containsKey(user);
                assertThat(orgById).containsKey(org);
                userOrgs.add(user + "@" + org);
                if (roles.get(r, "roleType").equals("primary")) {
                    primaries.merge(user + "@" + org, 1, Integer::sum);
                }
            });
            assertThat(primaries.values()).as("one primary role per user and org").allMatch(n -> n == 1);
            users.stream().forEach(r -> assertThat(userOrgs).contains(r.get(0) + "@" + users.get(r, "primaryOrgSourcedId")));
            assertThat(rolesOf.keySet()).containsAll(userById.keySet());
        }

        Map<String, Integer> primaryTeachers = new HashMap<>();
        enrollments.stream().forEach(r -> {
            List<String> cls = classById.get(enrollments.get(r, "classSourcedId"));
            assertThat(cls).isNotNull();
            assertThat(enrollments.get(r, "schoolSourcedId")).isEqualTo(classes.get(cls, "schoolSourcedId"));
            String user = enrollments.get(r, "userSourcedId");
            assertThat(userById).containsKey(user);
            String role = enrollments.get(r, "role");
            assertThat(rolesOf.get(user)).as("enrollment role matches the user's role").contains(role);
            if (role.equals("teacher") && enrollments.get(r, "primary").equals("true")) {
                primaryTeachers.merge(cls.get(0), 1, Integer::sum);
            }
        });
        assertThat(primaryTeachers).as("every class has one lead teacher").hasSize(classes.rows.size());
        assertThat(primaryTeachers.values()).allMatch(n -> n == 1);
        assertThat(enrollments.stream().filter(r -> enrollments.get(r, "primary").equals("false"))).as("co-teachers")
                .isNotEmpty();
    }

    /** Each user's roles: users.role (1.1) or roles.csv (1.2), with principal etc. read as enrollment roles. */
    static Map<String, Set<String>> roles(RosterPackage p, OneRosterVersion v) {
        Map<String, Set<String>> roles = new HashMap<>();
        if (v == OneRosterVersion.V1_1) {
            RosterPackage.Table users = p.table("users.csv");
            users.stream().forEach(r -> roles.computeIfAbsent(r.get(0), k -> new HashSet<>()).add(users.get(r, "role")));
        } else {
            RosterPackage.Table t = p.table("roles.csv");
            t.stream().forEach(r -> roles.computeIfAbsent(t.get(r, "userSourcedId"), k -> new HashSet<>())
                    .add(t.get(r, "role")));
        }
        return roles;
    }

    @ParameterizedTest
    @EnumSource(value = OneRosterVersion.class, names = {"V1_1", "V1_2"})
    void aDistrictOfStudentsGuardiansAndStaff(OneRosterVersion v) {
        RosterPackage p = GeneratorFixtures.read(options(v));
        RosterPackage.Table users = p.table("users.csv");
        RosterPackage.Table classes = p.table("classes.csv");
        RosterPackage.Table enrollments = p.table("enrollments.csv");
        Map<String, Set<String>> roles = roles(p, v);
        List<List<String>> students = users.stream().filter(r -> roles.get(r.get(0)).contains("student")).toList();
        List<List<String>> guardians = users.stream()
                .filter(r -> roles.get(r.get(0)).stream().anyMatch(GUARDIAN_ROLES::contains)).toList();
        assertThat(students).hasSize(N);
        assertThat((double) guardians.size()).isBetween(0.9 * N, 1.1 * N);
        for (String staffRole : v == OneRosterVersion.V1_1 ? List.of("teacher", "aide", "administrator")
                : List.of("teacher", "aide", "principal", "districtAdministrator")) {
            assertThat(roles.values()).as(staffRole).anyMatch(s -> s.contains(staffRole));
        }
        // CEDS grades; usernames, emails and phones are fictional.
        assertThat(students).allMatch(r -> users.get(r, "grades").matches("KG|0[1-9]|1[0-2]"));
        assertThat(users.column("email")).allMatch(e -> e.isEmpty()
                || e.matches("[a-z0-9.]+@([a-z0-9.]+\\.)?example\\.(org|com)"));
        assertThat(users.column("sms")).allMatch(s -> s.isEmpty() || s.matches("\\+1\\d{3}55501\\d\\d"));
        assertThat(users.column("phone")).allMatch(s -> s.isEmpty() || s.matches("\\(\\d{3}\\) 555-01\\d\\d"));
        assertThat(students).allMatch(r -> users.get(r, "userIds").matches("\\{SIS:\\d+}")
                && users.get(r, "identifier").matches("\\d+"));
        assertThat(new HashSet<>(users.column("username"))).hasSizeGreaterThan(users.rows.size() * 98 / 100);
        // Names from many cultures, with accents, apostrophes and hyphens.
        List<String> names = users.stream().map(r -> users.get(r, "givenName") + " " + users.get(r, "familyName")).toList();
        assertThat(names).anyMatch(n -> n.matches(".*[éñễüłóá].*")).anyMatch(n -> n.contains("'"))
                .anyMatch(n -> n.contains("-"));
        // Guardians: some without e-mail and without SMS.
        assertThat(guardians).anyMatch(r -> users.get(r, "email").isEmpty() && users.get(r, "sms").isEmpty());
        assertThat(guardians).anyMatch(r -> !users.get(r, "email").isEmpty());
        assertThat(guardians.stream().flatMap(r -> roles.get(r.get(0)).stream()).filter(GUARDIAN_ROLES::contains))
                .contains("parent", "guardian", "relative");

        // Siblings share guardians: a guardian with several children, each of whom lists that guardian.
        Map<String, List<String>> byId = users.byId();
        long sharing = guardians.stream().filter(g -> list(users.get(g, "agentSourcedIds")).size() >= 2).count();
        assertThat(sharing).isGreaterThan(guardians.size() / 5);
        for (List<String> g : guardians) {
            for (String kid : list(users.get(g, "agentSourcedIds"))) {
                assertThat(roles.get(kid)).contains("student");
                assertThat(list(users.get(byId.get(kid), "agentSourcedIds"))).contains(g.get(0));
            }
        }
        // A few guardians are teachers too.
        if (v == OneRosterVersion.V1_1) {
            Set<String> teacherKeys = new HashSet<>();
            users.stream().filter(r -> users.get(r, "role").equals("teacher"))
                    .forEach(r -> teacherKeys.add(users.get(r, "givenName") + "|" + users.get(r, "familyName") + "|"
                            + users.get(r, "email")));
            assertThat(guardians).anyMatch(r -> teacherKeys.contains(users.get(r, "givenName") + "|"
                    + users.get(r, "familyName") + "|" + users.get(r, "email")));
            assertThat(users.stream().filter(r -> users.get(r, "role").equals("teacher")))
                    .as("a teacher at two schools").anyMatch(r -> list(users.get(r, "orgSourcedIds")).size() == 2);
        } else {
            assertThat(roles.values()).anyMatch(s -> s.contains("teacher") && s.contains("parent"));
            RosterPackage.Table rt = p.table("roles.csv");
            Map<String, Set<String>> teacherOrgs = new HashMap<>();
            rt.stream().filter(r -> rt.get(r, "role").equals("teacher")).forEach(r -> teacherOrgs
                    .computeIfAbsent(rt.get(r, "userSourcedId"), k -> new HashSet<>()).add(rt.get(r, "orgSourcedId")));
            assertThat(teacherOrgs.values()).as("a teacher at two schools").anyMatch(s -> s.size() == 2);
        }

        // Enrollments per student: 6 in elementary, 6 to 8 in secondary grades, about 6.8 overall.
        Map<String, Integer> perStudent = new HashMap<>();
        enrollments.stream().filter(r -> enrollments.get(r, "role").equals("student"))
                .forEach(r -> perStudent.merge(enrollments.get(r, "userSourcedId"), 1, Integer::sum));
        for (List<String> s : students) {
            int n = perStudent.getOrDefault(s.get(0), 0);
            String grade = users.get(s, "grades");
            if (grade.equals("KG") || grade.compareTo("06") < 0) {
                assertThat(n).as("elementary").isEqualTo(6);
            } else {
                assertThat(n).as("secondary").isBetween(6, 8);
            }
        }
        double average = perStudent.values().stream().mapToInt(Integer::intValue).average().orElse(0);
        assertThat(average).isBetween(6.5, 7.0);
        // Homerooms in elementary grades only; sections of about 25.
        assertThat(classes.stream().filter(r -> classes.get(r, "classType").equals("homeroom")))
                .isNotEmpty().allMatch(r -> classes.get(r, "grades").matches("KG|0[1-5]"));
        Map<String, Integer> classSize = new HashMap<>();
        enrollments.stream().filter(r -> enrollments.get(r, "role").equals("student"))
                .forEach(r -> classSize.merge(enrollments.get(r, "classSourcedId"), 1, Integer::sum));
        double size = classSize.values().stream().mapToInt(Integer::intValue).average().orElse(0);
        assertThat(size).isBetween(18.0, 26.0);
        // Full-year and semester classes.
        assertThat(classes.column("termSourcedIds")).map(t -> list(t).size()).contains(1, 2);
    }

    @ParameterizedTest
    @EnumSource(value = OneRosterVersion.class, names = {"V1_1", "V1_2"})
    void guardiansPerStudentIsTheAverage(OneRosterVersion v) {
        RosterPackage p = GeneratorFixtures.read(options(v).withGuardiansPerStudent(0.5).withSchools(5));
        Map<String, Set<String>> roles = roles(p, v);
        long guardians = roles.values().stream().filter(s -> s.stream().anyMatch(GUARDIAN_ROLES::contains)).count();
        assertThat((double) guardians).isBetween(0.45 * N, 0.55 * N);
        assertThat(p.table("orgs.csv").rows).hasSize(6);
    }
}
