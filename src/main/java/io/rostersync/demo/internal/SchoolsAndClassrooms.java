package io.rostersync.demo.internal;

import io.rostersync.demo.SyncMatch;
import io.rostersync.demo.internal.DemoRoster.Section;
import io.rostersync.demo.internal.DemoRoster.Teacher;
import io.rostersync.directory.HandMadePerson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The schools as the district named them by hand (close to the SIS's names, never the same), one
 * school the SIS does not have, and in each roster school two of its teachers with the classrooms
 * they made before the district rostered: one titled exactly as its class, two with the class's
 * grades, period and terms under a title of the teacher's own, and a club.
 */
final class SchoolsAndClassrooms {

    static final String PRESCHOOL = "Little Acorns Preschool";
    private static final String[] CLUBS = {"Chess Club", "Robotics Club", "Garden Club", "Art Club", "Book Club"};
    private static final Map<String, String> SHORT_LEVELS = Map.of(" Elementary School", " Elem.",
            " Middle School", " Middle", " High School", " HS");

    /** The schools, their teachers and classrooms (without students yet), and the school key of each roster school. */
    record Result(List<HandMadePlan.School> schools, List<HandMadePlan.Person> teachers,
            List<HandMadePlan.Classroom> classrooms, Map<String, String> schoolKeyByOrg, String preschoolKey,
            List<SyncMatch> linkedBySync) {
    }

    private final DemoRoster roster;
    private final List<HandMadePlan.School> schools = new ArrayList<>();
    private final List<HandMadePlan.Person> teachers = new ArrayList<>();
    private final List<HandMadePlan.Classroom> classrooms = new ArrayList<>();
    private final Map<String, String> schoolKeyByOrg = new LinkedHashMap<>();
    private final List<SyncMatch> linkedBySync = new ArrayList<>();

    private SchoolsAndClassrooms(DemoRoster roster) {
        this.roster = roster;
    }

    static Result plan(DemoRoster roster) {
        return new SchoolsAndClassrooms(roster).plan();
    }

    private Result plan() {
        for (DemoRoster.School school : roster.schools()) {
            String key = "school-" + (schools.size() + 1);
            schools.add(new HandMadePlan.School(key, handTyped(school.name()), school.sourcedId(), school.name()));
            schoolKeyByOrg.put(school.sourcedId(), key);
            List<Teacher> two = teachersWithTwoClasses(school.sourcedId());
            String first = teacher(two.get(0), key);
            String second = teacher(two.get(1), key);
            List<Section> firstClasses = leadSections(two.get(0).sourcedId(), school.sourcedId());
            List<Section> secondClasses = leadSections(two.get(1).sourcedId(), school.sourcedId());
            classroom(key, first, firstClasses.get(0), firstClasses.get(0).title());
            classroom(key, first, firstClasses.get(1), ownTitle(firstClasses.get(1), two.get(0)));
            classroom(key, second, secondClasses.get(0), ownTitle(secondClasses.get(0), two.get(1)));
            classrooms.add(new HandMadePlan.Classroom(nextClassroomKey(), key, CLUBS[(schools.size() - 1) % CLUBS.length],
                    nextCode(), List.of(), List.of(), List.of(), second, List.of(), null, null));
        }
        String preschool = "school-" + (schools.size() + 1);
        schools.add(new HandMadePlan.School(preschool, PRESCHOOL, null, null));
        String teacher = "teacher-" + (teachers.size() + 1);
        teachers.add(new HandMadePlan.Person(teacher, HandMadePerson.named("Rosa", "Delgado")
                .withContact("rdelgado@littleacorns.example.net", null, null), "teacher", preschool));
        for (String title : List.of("Pre-K Morning", "Pre-K Afternoon")) {
            classrooms.add(new HandMadePlan.Classroom(nextClassroomKey(), preschool, title, nextCode(), List.of("PK"),
                    List.of(), List.of(), teacher, List.of(), null, null));
        }
        return new Result(schools, teachers, classrooms, schoolKeyByOrg, preschool, linkedBySync);
    }

    /** "Roosevelt Elem." for "Roosevelt Elementary School": what a school's own staff type. */
    private static String handTyped(String name) {
        for (Map.Entry<String, String> level : SHORT_LEVELS.entrySet()) {
            if (name.endsWith(level.getKey())) {
                return name.substring(0, name.length() - level.getKey().length()) + level.getValue();
            }
        }
        return name + " (campus)";
    }

    /**
     * Teachers of this school only, who lead two classes or more and whose email is theirs alone
     * (the sync links a hand-made teacher by email; a shared one would be a question, not a link).
     */
    private List<Teacher> teachersWithTwoClasses(String school) {
        List<Teacher> found = new ArrayList<>();
        for (Teacher t : roster.teachers().values()) {
            if (t.schoolSourcedIds().equals(List.of(school)) && t.email() != null && !t.emailShared()
                    && leadSections(t.sourcedId(), school).size() >= 2) {
                found.add(t);
            }
        }
        if (found.size() < 2) {
            throw new IllegalStateException("the demo roster has too few teachers at school " + school);
        }
        return found.subList(0, 2);
    }

    private List<Section> leadSections(String teacher, String school) {
        return roster.sections().stream()
                .filter(s -> teacher.equals(s.leadTeacherSourcedId()) && school.equals(s.schoolSourcedId())).toList();
    }

    /** The roster teacher as typed by hand: the same name and school email, which the sync links them by. */
    private String teacher(Teacher t, String schoolKey) {
        String key = "teacher-" + (teachers.size() + 1);
        teachers.add(new HandMadePlan.Person(key, HandMadePerson.named(t.givenName(), t.familyName())
                .withContact(t.email(), null, null), "teacher", schoolKey));
        linkedBySync.add(new SyncMatch("teacher", t.email(), t.sourcedId(), "EMAIL"));
        return key;
    }

    private void classroom(String schoolKey, String teacherKey, Section section, String title) {
        classrooms.add(new HandMadePlan.Classroom(nextClassroomKey(), schoolKey, title, nextCode(), section.grades(),
                section.periods(), section.termTitles(), teacherKey, List.of(), section.sourcedId(), section.title()));
    }

    /**
     * A teacher's own title for a class: its course and period ("Algebra I (period 2)"), or, without
     * periods, their name and the course ("Ramírez's Art K").
     */
    private static String ownTitle(Section section, Teacher teacher) {
        String course = section.title().replaceFirst(" - .*$", "");
        if (!section.periods().isEmpty()) {
            return course + " (period " + String.join("/", section.periods()) + ")";
        }
        return teacher.familyName() + "'s " + course;
    }

    private String nextClassroomKey() {
        return "classroom-" + (classrooms.size() + 1);
    }

    private String nextCode() {
        return String.format(Locale.ROOT, "HM-%02d", classrooms.size() + 1);
    }
}
