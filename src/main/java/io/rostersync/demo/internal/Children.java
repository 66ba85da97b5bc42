package io.rostersync.demo.internal;

import io.rostersync.demo.SyncMatch;
import io.rostersync.demo.Twin;
import io.rostersync.demo.internal.DemoRoster.Guardian;
import io.rostersync.demo.internal.DemoRoster.Student;
import io.rostersync.directory.HandMadePerson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The students the district typed in before any sync, and their guardians:
 * <ul>
 * <li>twins, the roster's children under a slightly different name and with no student number the
 * sync could match (none, or the same one zero-padded), so that the first sync creates the roster's
 * record beside them: {@value #TWINS_PER_DIFFERENCE} for each {@link Twin.NameDifference}, half
 * without a number;</li>
 * <li>a few with the roster's very student number and a name the sync forgives (accents it
 * decomposes left out, a shortened given name), which the first sync links instead;</li>
 * <li>children who left the district, in no roster.</li>
 * </ul>
 * One twin in four has a guardian typed with the roster guardian's name and email (the sync links
 * them by email), one in four one with the roster guardian's phone and no email (a second record
 * after the sync); every second leaver has a parent. Children are taken in the order of their
 * sourcedIds (random ids, so spread over schools and grades), no two from one household, so that
 * no roster guardian is typed in twice.
 */
final class Children {

    static final int TWINS_PER_DIFFERENCE = 8;
    static final int LEAVERS_PER_SCHOOL = 3;
    /** Numbers of the old system for children no longer in the SIS: five digits, which the SIS never gives. */
    private static final int FIRST_LEAVER_NUMBER = 40101;

    record Result(List<HandMadePlan.Person> students, List<HandMadePlan.Person> guardians,
            List<HandMadePlan.GuardianLink> guardianLinks, List<Twin> twins, List<SyncMatch> linkedBySync,
            List<String> leftTheDistrict, Map<String, String> rosterStudentByKey) {
    }

    private record Name(String given, String family) {
    }

    private final DemoRoster roster;
    private final SchoolsAndClassrooms.Result schools;
    private final List<Student> pool;
    private final Set<String> takenStudents = new HashSet<>();
    private final Set<String> takenGuardians = new HashSet<>();
    private final Set<String> usernames = new HashSet<>();
    private final List<HandMadePlan.Person> students = new ArrayList<>();
    private final List<HandMadePlan.Person> guardians = new ArrayList<>();
    private final List<HandMadePlan.GuardianLink> links = new ArrayList<>();
    private final List<Twin> twins = new ArrayList<>();
    private final List<SyncMatch> linkedBySync = new ArrayList<>();
    private final List<String> leavers = new ArrayList<>();
    private final Map<String, String> rosterStudentByKey = new LinkedHashMap<>();
    /** The roster children's names as usernames are made of them: a made-up child must be none of them. */
    private final Set<String> rosterNames = new HashSet<>();

    private Children(DemoRoster roster, SchoolsAndClassrooms.Result schools) {
        this.roster = roster;
        this.schools = schools;
        this.pool = roster.students().stream().sorted(Comparator.comparing(Student::sourcedId)).toList();
        for (Student s : pool) {
            rosterNames.add(baseUsername(new Name(s.givenName(), s.familyName())));
        }
    }

    static Result plan(DemoRoster roster, SchoolsAndClassrooms.Result schools) {
        Children children = new Children(roster, schools);
        for (Twin.NameDifference difference : Twin.NameDifference.values()) {
            for (int i = 0; i < TWINS_PER_DIFFERENCE; i++) {
                children.twin(difference, i < TWINS_PER_DIFFERENCE / 2 ? Twin.StudentNumber.MISSING
                        : Twin.StudentNumber.ZERO_PADDED);
            }
        }
        children.matchedByNumber(s -> NameVariants.shortened(s.givenName()).map(g -> new Name(g, s.familyName())));
        children.matchedByNumber(s -> NameVariants.shortened(s.givenName()).map(g -> new Name(g, s.familyName())));
        children.matchedByNumber(Children::withoutDecomposableAccents);
        children.matchedByNumber(Children::withoutDecomposableAccents);
        for (DemoRoster.School school : roster.schools()) {
            for (int i = 0; i < LEAVERS_PER_SCHOOL; i++) {
                children.leaver(schools.schoolKeyByOrg().get(school.sourcedId()), grade(roster, school, i));
            }
        }
        for (int i = 0; i < LEAVERS_PER_SCHOOL; i++) {
            children.leaver(schools.preschoolKey(), "PK");
        }
        return new Result(children.students, children.guardians, children.links, children.twins,
                children.linkedBySync, children.leavers, children.rosterStudentByKey);
    }

    private void twin(Twin.NameDifference difference, Twin.StudentNumber number) {
        Student s = next(student -> variant(difference, student));
        Name name = variant(difference, s).orElseThrow();
        String studentNumber = number == Twin.StudentNumber.MISSING ? null
                : String.format(Locale.ROOT, "%08d", Long.parseLong(s.studentNumber()));
        HandMadePlan.Person student = student(s, name, studentNumber);
        twins.add(new Twin(student.person().username(), s.sourcedId(), name.given(), name.family(), s.givenName(), s.familyName(),
                difference, number));
        if (twins.size() % 4 == 1) {
            guardianSharing(s, student, g -> g.email() != null && !g.emailShared(), true);
        } else if (twins.size() % 4 == 2) {
            guardianSharing(s, student, g -> g.smsPhone() != null, false);
        }
    }

    private void matchedByNumber(Function<Student, Optional<Name>> variant) {
        Student s = next(variant);
        HandMadePlan.Person student = student(s, variant.apply(s).orElseThrow(), s.studentNumber());
        linkedBySync.add(new SyncMatch("student", student.person().username(), s.sourcedId(), "STUDENT_NUMBER"));
    }

    /**
     * The next child of the pool, of a household not taken yet, whose name has this variant, and
     * one no hand-made student has already (two children of one name would make a puzzle of the demo).
     */
    private Student next(Function<Student, Optional<Name>> variant) {
        for (Student s : pool) {
            Optional<Name> name = variant.apply(s);
            if (!takenStudents.contains(s.sourcedId())
                    && s.guardianSourcedIds().stream().noneMatch(takenGuardians::contains)
                    && name.isPresent() && !usernames.contains(baseUsername(name.get()))) {
                takenStudents.add(s.sourcedId());
                takenGuardians.addAll(s.guardianSourcedIds());
                return s;
            }
        }
        throw new IllegalStateException("the demo roster has too few children for the hand-made students");
    }

    /** The hand-made record of a roster child, at the hand-made school of the child's school. */
    private HandMadePlan.Person student(Student s, Name name, String studentNumber) {
        HandMadePlan.Person student = student(name, s.grade(), studentNumber,
                schools.schoolKeyByOrg().get(s.schoolSourcedId()), s.birthDate());
        rosterStudentByKey.put(student.key(), s.sourcedId());
        return student;
    }

    /** A student as the office typed them in, with the birth date the enrolment form asked for. */
    private HandMadePlan.Person student(Name name, String grade, String studentNumber, String schoolKey,
            java.time.LocalDate birthDate) {
        HandMadePlan.Person student = new HandMadePlan.Person("student-" + (students.size() + 1),
                HandMadePerson.named(name.given(), name.family()).asStudent(grade, studentNumber, newUsername(name)),
                "student", schoolKey, birthDate);
        students.add(student);
        return student;
    }

    /**
     * The roster guardian of the child typed in by hand as well: with their email (which the sync
     * links them by) or with their phone only (which it does not).
     */
    private void guardianSharing(Student s, HandMadePlan.Person student, java.util.function.Predicate<Guardian> fits,
            boolean withEmail) {
        Optional<Guardian> found = s.guardianSourcedIds().stream().map(roster.guardians()::get)
                .filter(g -> g != null && fits.test(g)).findFirst();
        if (found.isEmpty()) {
            return;
        }
        Guardian g = found.get();
        HandMadePerson person = HandMadePerson.named(g.givenName(), g.familyName());
        person = withEmail ? person.withContact(g.email(), null, null)
                : person.withContact(null, g.smsPhone(), g.homePhone());
        guardian(person, g.relationship(), student);
        if (withEmail) {
            linkedBySync.add(new SyncMatch(g.relationship(), g.email(), g.sourcedId(), "EMAIL"));
        }
    }

    /** A guardian at their child's school, linked to the child. */
    private void guardian(HandMadePerson person, String relationship, HandMadePlan.Person child) {
        String key = "guardian-" + (guardians.size() + 1);
        guardians.add(new HandMadePlan.Person(key, person, relationship, child.schoolKey()));
        links.add(new HandMadePlan.GuardianLink(key, child.key(), relationship));
    }

    /**
     * A child who left before the SIS fed us: a name put together from two roster children's that is
     * no roster child's, and a number of the old system; every second one with a parent.
     */
    private void leaver(String schoolKey, String grade) {
        int n = leavers.size();
        Name name = null;
        for (int k = n; name == null; k++) {
            Student givenFrom = pool.get((k * 7 + 3) % pool.size());
            Student familyFrom = pool.get((k * 13 + 5) % pool.size());
            Name candidate = new Name(givenFrom.givenName(), familyFrom.familyName());
            if (!rosterNames.contains(baseUsername(candidate)) && !usernames.contains(baseUsername(candidate))) {
                name = candidate;
            }
        }
        HandMadePlan.Person student = student(name, grade, Integer.toString(FIRST_LEAVER_NUMBER + n), schoolKey,
                leaverBirthDate(grade, n));
        leavers.add(student.person().username());
        if (n % 2 == 0) {
            List<Guardian> donors = List.copyOf(roster.guardians().values());
            String given = donors.get((n * 17 + 1) % donors.size()).givenName();
            HandMadePerson parent = HandMadePerson.named(given, name.family())
                    .withContact(NameVariants.login(given) + "." + NameVariants.login(name.family()) + "@example.net",
                            String.format(Locale.ROOT, "+1206555%04d", 150 + n), null);
            guardian(parent, "parent", student);
        }
    }

    /** A birth date that fits the grade (the school year's cut-off in September), on a day of its own. */
    private static java.time.LocalDate leaverBirthDate(String grade, int n) {
        int g = grade.equals("PK") ? -1 : grade.equals("KG") ? 0 : Integer.parseInt(grade);
        return java.time.LocalDate.of(2026 - 6 - g, 1 + n % 8, 1 + (n * 11) % 28);
    }

    private static Optional<Name> variant(Twin.NameDifference difference, Student s) {
        String given = s.givenName();
        String family = s.familyName();
        return switch (difference) {
            case NICKNAME -> NameVariants.nickname(given).map(g -> new Name(g, family));
            case TYPO -> NameVariants.typo(family).map(f -> new Name(given, f));
            case HYPHEN_DROPPED -> NameVariants.withoutHyphen(family, true).map(f -> new Name(given, f))
                    .or(() -> NameVariants.withoutHyphen(given, false).map(g -> new Name(g, family)));
            case ACCENTS_DROPPED -> withoutAccents(s);
            case NAMES_SWAPPED -> given.equals(family) ? Optional.empty() : Optional.of(new Name(family, given));
        };
    }

    private static Optional<Name> withoutAccents(Student s) {
        Name plain = new Name(NameVariants.plain(s.givenName()), NameVariants.plain(s.familyName()));
        return plain.equals(new Name(s.givenName(), s.familyName())) ? Optional.empty() : Optional.of(plain);
    }

    /** The child's name as the sync forgives it, when it has an accent to leave out. */
    private static Optional<Name> withoutDecomposableAccents(Student s) {
        Optional<String> given = NameVariants.withoutDecomposableAccents(s.givenName());
        Optional<String> family = NameVariants.withoutDecomposableAccents(s.familyName());
        if (given.isEmpty() && family.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Name(given.orElse(s.givenName()), family.orElse(s.familyName())));
    }

    /** The grade of the i-th roster child of the school, spread over its grades. */
    private static String grade(DemoRoster roster, DemoRoster.School school, int i) {
        List<Student> there = roster.students().stream().filter(s -> s.schoolSourcedId().equals(school.sourcedId()))
                .toList();
        return there.get((i * there.size()) / LEAVERS_PER_SCHOOL).grade();
    }

    /** The old system's login: given.family in plain letters, numbered when taken. */
    private String newUsername(Name name) {
        String base = baseUsername(name);
        String username = base;
        for (int i = 2; !usernames.add(username); i++) {
            username = base + i;
        }
        return username;
    }

    private static String baseUsername(Name name) {
        return NameVariants.login(name.given()) + "." + NameVariants.login(name.family());
    }
}
