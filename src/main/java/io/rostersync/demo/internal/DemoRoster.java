package io.rostersync.demo.internal;

import io.rostersync.oneroster.Enrollment;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.Org;
import io.rostersync.oneroster.RosterClass;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.oneroster.User;
import io.rostersync.oneroster.UserRole;
import io.rostersync.oneroster.UserRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The generated roster as the demo's hand-made records need it: schools, students with their
 * guardians, teachers, and classes with their lead teacher and students, in the files' order. Read
 * with the product's own reader, as a district's drop would be.
 */
public record DemoRoster(List<School> schools, List<Student> students, Map<String, Guardian> guardians,
        Map<String, Teacher> teachers, List<Section> sections) {

    public record School(String sourcedId, String name) {
    }

    /** A roster child; {@code birthDate} from demographics.csv, null when it has none for them. */
    public record Student(String sourcedId, String givenName, String familyName, String studentNumber, String grade,
            String schoolSourcedId, List<String> guardianSourcedIds, java.time.LocalDate birthDate) {
    }

    /** @param emailShared another users.csv row has the same email (a teacher who is also a parent) */
    public record Guardian(String sourcedId, String givenName, String familyName, String relationship, String email,
            String smsPhone, String homePhone, boolean emailShared) {
    }

    public record Teacher(String sourcedId, String givenName, String familyName, String email,
            List<String> schoolSourcedIds, boolean emailShared) {
    }

    /** A class, with its terms' titles, its lead teacher (null if none) and its students. */
    public record Section(String sourcedId, String title, String schoolSourcedId, List<String> grades,
            List<String> periods, List<String> termTitles, String leadTeacherSourcedId, List<String> studentSourcedIds) {
    }

    /** Reads a clean package (as the generator writes it); a package with errors is refused. */
    public static DemoRoster read(Path roster) {
        var result = OneRosterReader.read(roster);
        if (result.report().hasErrors()) {
            throw new IllegalStateException("the demo roster has errors: " + result.report().problems());
        }
        RosterSnapshot snapshot = result.snapshot();
        List<School> schools = new ArrayList<>();
        try (Stream<Org> orgs = snapshot.orgs()) {
            orgs.filter(Org::isSchool).forEach(o -> schools.add(new School(o.sourcedId(), o.name())));
        }
        List<Student> students = new ArrayList<>();
        Map<String, Guardian> guardians = new LinkedHashMap<>();
        Map<String, Teacher> teachers = new LinkedHashMap<>();
        Map<String, java.time.LocalDate> born = new java.util.HashMap<>();
        try (Stream<io.rostersync.oneroster.BirthDate> dates = snapshot.birthDates()) {
            // the generator's own roster: its dates are plain dates, read here only to type them in by hand
            dates.filter(b -> b.cell() != null).forEach(b -> born.put(b.userSourcedId(), java.time.LocalDate.parse(b.cell())));
        }
        try (Stream<UserRow> rows = snapshot.userRows()) {
            rows.forEach(row -> {
                User u = row.user();
                List<String> orgs = row.roles().stream().map(UserRole::orgSourcedId).toList();
                String role = row.roles().isEmpty() ? "" : row.roles().get(0).role();
                boolean shared = u.email() != null && snapshot.sharesEmail(u.email());
                switch (role) {
                    case "student" -> students.add(new Student(u.sourcedId(), u.givenName(), u.familyName(),
                            u.identifier(), u.grades().isEmpty() ? null : u.grades().get(0), orgs.get(0),
                            u.agentSourcedIds(), born.get(u.sourcedId())));
                    case "parent", "guardian", "relative" -> guardians.put(u.sourcedId(), new Guardian(u.sourcedId(),
                            u.givenName(), u.familyName(), role, u.email(), u.sms(), u.phone(), shared));
                    case "teacher" -> teachers.put(u.sourcedId(), new Teacher(u.sourcedId(), u.givenName(),
                            u.familyName(), u.email(), orgs, shared));
                    default -> {
                        // administrators and aides teach no class of their own
                    }
                }
            });
        }
        return new DemoRoster(schools, students, guardians, teachers, sections(snapshot));
    }

    private static List<Section> sections(RosterSnapshot snapshot) {
        Map<String, String> termTitles = new HashMap<>();
        try (var sessions = snapshot.academicSessions()) {
            sessions.forEach(s -> termTitles.put(s.sourcedId(), s.title()));
        }
        Map<String, String> leads = new HashMap<>();
        Map<String, List<String>> members = new HashMap<>();
        try (Stream<Enrollment> enrollments = snapshot.enrollments()) {
            enrollments.forEach(e -> {
                if ("teacher".equals(e.role()) && Boolean.TRUE.equals(e.primary())) {
                    leads.putIfAbsent(e.classSourcedId(), e.userSourcedId());
                } else if ("student".equals(e.role())) {
                    members.computeIfAbsent(e.classSourcedId(), k -> new ArrayList<>()).add(e.userSourcedId());
                }
            });
        }
        List<Section> sections = new ArrayList<>();
        try (Stream<RosterClass> classes = snapshot.classes()) {
            classes.forEach(c -> sections.add(new Section(c.sourcedId(), c.title(), c.schoolSourcedId(), c.grades(),
                    c.periods(), c.termSourcedIds().stream().map(termTitles::get).toList(),
                    leads.get(c.sourcedId()), members.getOrDefault(c.sourcedId(), List.of()))));
        }
        return sections;
    }
}
