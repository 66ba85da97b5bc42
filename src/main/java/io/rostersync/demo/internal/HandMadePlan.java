package io.rostersync.demo.internal;

import io.rostersync.demo.ClassroomMatch;
import io.rostersync.demo.DemoCounts;
import io.rostersync.demo.DemoRecords;
import io.rostersync.demo.SchoolMatch;
import io.rostersync.demo.SyncMatch;
import io.rostersync.demo.Twin;
import io.rostersync.directory.HandMadePerson;
import java.time.Instant;
import java.util.List;

/**
 * The demo district's hand-made records, before they have ids: each refers to the others by a key
 * of the plan's own ({@code school-1}, {@code student-7}, ...), which the seeder turns into ids as
 * it writes them.
 */
public record HandMadePlan(List<School> schools, List<Person> people, List<Classroom> classrooms,
        List<GuardianLink> guardianLinks, StudentHistory.Entries history, List<Twin> twins,
        List<SyncMatch> linkedBySync, List<String> leftTheDistrict) {

    /** @param orgSourcedId the roster school it is, or null */
    public record School(String key, String name, String orgSourcedId, String rosterName) {
    }

    /** @param role student, teacher, or the guardian's relationship; at the school of {@code schoolKey} */
    /**
     * A record to type in; a student's {@code birthDate} (null when not known) becomes its key only when
     * written, with the district's key.
     */
    public record Person(String key, HandMadePerson person, String role, String schoolKey, java.time.LocalDate birthDate) {

        public Person(String key, HandMadePerson person, String role, String schoolKey) {
            this(key, person, role, schoolKey, null);
        }

        boolean student() {
            return role.equals("student");
        }
    }

    /** @param classSourcedId the roster class it is, or null */
    public record Classroom(String key, String schoolKey, String title, String code, List<String> grades,
            List<String> periods, List<String> terms, String teacherKey, List<String> studentKeys,
            String classSourcedId, String classTitle) {

        public Classroom {
            studentKeys = List.copyOf(studentKeys);
        }

        Classroom withStudentKeys(List<String> keys) {
            return new Classroom(key, schoolKey, title, code, grades, periods, terms, teacherKey, keys, classSourcedId,
                    classTitle);
        }
    }

    public record GuardianLink(String guardianKey, String studentKey, String relationship) {
    }

    public record Announcement(String studentKey, String title, String body, Instant at) {
    }

    public record BackpackItem(String studentKey, String name, String contentRef, Instant at) {
    }

    public record InteractionLog(String studentKey, String kind, String note, String author, Instant at) {
    }

    public record Attribute(String studentKey, String name, String value) {
    }

    public DemoRecords records() {
        long teachers = people.stream().filter(p -> p.role().equals("teacher")).count();
        long students = people.stream().filter(Person::student).count();
        DemoCounts counts = new DemoCounts(schools.size(), classrooms.size(), (int) teachers, (int) students,
                (int) (people.size() - teachers - students), guardianLinks.size(),
                classrooms.stream().mapToInt(c -> c.studentKeys().size() + 1).sum(), history.announcements().size(),
                history.backpackItems().size(), history.interactionLogs().size(), history.attributes().size());
        return new DemoRecords(counts,
                schools.stream().map(s -> new SchoolMatch(s.name(), s.orgSourcedId(), s.rosterName())).toList(),
                classrooms.stream().map(c -> new ClassroomMatch(c.code(), c.title(), c.classSourcedId(),
                        c.classTitle())).toList(),
                twins, linkedBySync, leftTheDistrict);
    }
}
