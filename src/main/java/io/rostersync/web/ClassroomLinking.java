package io.rostersync.web;

import io.rostersync.directory.ClassroomReads;
import io.rostersync.directory.DirectoryReads;
import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.District;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.HandMadeRecords;
import io.rostersync.intake.Intakes;
import io.rostersync.oneroster.Enrollment;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterClass;
import io.rostersync.oneroster.RosterSnapshot;
import io.rostersync.oneroster.User;
import io.rostersync.sync.Reviews;
import io.rostersync.web.console.ClassroomRow;
import io.rostersync.web.console.ClassroomSuggestions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Step 4 of the setup: each classroom made before the sync beside the classes of the latest files
 * it most likely is. Linking one is an answer the next sync follows (and journals, so undo reverts
 * it); keeping or archiving an unlinked one is written at once through the directory's
 * {@link HandMadeRecords}. The classes of a drop are read once and kept for its latest drop.
 */
@Component
class ClassroomLinking {

    private static final int SUGGESTIONS = 3;

    private final Intakes intakes;
    private final DirectoryReads directory;
    private final ClassroomReads classrooms;
    private final DirectoryStore store;
    private final Reviews reviews;
    /** The latest drop's classes, per district: one drop each, replaced when a newer drop is read. */
    private final Map<Long, DropClasses> cache = new ConcurrentHashMap<>();

    private record DropClasses(long dropId, List<ClassroomSuggestions.RosterClass> classes) {
    }

    ClassroomLinking(DataSource dataSource) {
        this.intakes = new Intakes(dataSource);
        this.directory = new DirectoryReads(dataSource);
        this.classrooms = new ClassroomReads(dataSource);
        this.store = new DirectoryStore(dataSource);
        this.reviews = new Reviews(dataSource);
    }

    /** Whether the district has files that were read (and kept), whose classes can be linked to. */
    boolean filesRead(District district) throws SQLException {
        return intakes.latestRead(district.id()).filter(d -> d.purgedAt() == null).isPresent();
    }

    /** The classes of the latest read drop (with their teachers); empty when no drop was read. */
    Optional<List<ClassroomSuggestions.RosterClass>> latestClasses(District district) throws SQLException {
        Optional<Intakes.Intake> latest = intakes.latestRead(district.id());
        if (latest.isEmpty() || latest.get().purgedAt() != null) {
            return Optional.empty();
        }
        DropClasses cached = cache.get(district.id());
        if (cached != null && cached.dropId() == latest.get().id()) {
            return Optional.of(cached.classes());
        }
        List<ClassroomSuggestions.RosterClass> classes = read(OneRosterReader.read(latest.get().path()).snapshot());
        cache.put(district.id(), new DropClasses(latest.get().id(), classes));
        return Optional.of(classes);
    }

    /** Each classroom made before the sync, with its suggestions and what was decided for it. */
    List<ClassroomRow> rows(District district) throws SQLException {
        return rows(district, true);
    }

    /**
     * Each classroom made before the sync and what was decided for it, without suggestions: what the
     * checklist and the self-check need, which so never read the latest files' classes.
     */
    List<ClassroomRow> decisions(District district) throws SQLException {
        return rows(district, false);
    }

    private List<ClassroomRow> rows(District district, boolean suggest) throws SQLException {
        List<ClassroomReads.Classroom> ours = classrooms.madeBeforeSync(district.id());
        // a large district's classes are read (once per drop) only when there is something to suggest for
        List<ClassroomSuggestions.RosterClass> classes = List.of();
        if (suggest && !ours.isEmpty()) {
            // a class a classroom is linked to already is no one else's: the sync would never follow such a link
            Set<String> linkedAlready = classrooms.linkedClasses(district.id(), "oneroster");
            classes = latestClasses(district).orElse(List.of()).stream()
                    .filter(k -> !linkedAlready.contains(k.sourcedId())).toList();
        }
        Map<String, ClassroomSuggestions.RosterClass> byId = new HashMap<>();
        classes.forEach(k -> byId.put(k.sourcedId(), k));
        Map<Long, String> linked = new HashMap<>();
        reviews.classroomLinks(district.id()).forEach((classId, classroomId) -> linked.put(classroomId, classId));
        Map<Long, Set<String>> schoolIds = new HashMap<>();
        for (DirectorySchool s : directory.schools(district.id())) {
            schoolIds.put(s.id(), s.schoolIds());
        }
        List<ClassroomRow> rows = new ArrayList<>();
        for (ClassroomReads.Classroom c : ours) {
            Set<String> ids = schoolIds.getOrDefault(c.schoolId(), Set.of());
            Set<String> taken = taken(c, ours, classes, ids, linked);
            var classroom = new ClassroomSuggestions.Classroom(c.title(), ids, c.periods(), c.grades(), c.teachers()
                    .stream().map(t -> new ClassroomSuggestions.Teacher(t.givenName(), t.familyName(), t.email()))
                    .toList());
            List<ClassroomSuggestions.RosterClass> ofSchool = classes.stream()
                    .filter(k -> ids.contains(k.schoolSourcedId())).toList();
            String linkedClass = linked.get(c.id());
            rows.add(new ClassroomRow(c, ClassroomSuggestions.suggest(classroom, ofSchool, taken, SUGGESTIONS), ofSchool,
                    linkedClass == null ? null : byId.getOrDefault(linkedClass, new ClassroomSuggestions.RosterClass(
                            linkedClass, linkedClass, null, List.of(), List.of(), List.of()))));
        }
        return rows;
    }

    /**
     * The classes that are no suggestion for this classroom: those linked to another of ours, and those
     * of its school titled exactly as another of ours there.
     */
    private static Set<String> taken(ClassroomReads.Classroom self, List<ClassroomReads.Classroom> ours,
            List<ClassroomSuggestions.RosterClass> classes, Set<String> schoolIds, Map<Long, String> linked) {
        Set<String> taken = new HashSet<>();
        linked.forEach((classroom, classId) -> {
            if (classroom != self.id()) {
                taken.add(classId);
            }
        });
        Set<String> otherTitles = new HashSet<>();
        for (ClassroomReads.Classroom other : ours) {
            if (other.id() != self.id() && other.schoolId() == self.schoolId()) {
                otherTitles.add(ClassroomSuggestions.normalize(other.title()));
            }
        }
        for (ClassroomSuggestions.RosterClass k : classes) {
            if (schoolIds.contains(k.schoolSourcedId()) && otherTitles.contains(ClassroomSuggestions.normalize(
                    k.title()))) {
                taken.add(k.sourcedId());
            }
        }
        return taken;
    }

    /**
     * Links our classroom to the class (at the next sync): one transaction, so a sync never sees half
     * of it. A class linked to it before is let go; one archived or kept here is undecided again.
     *
     * @return false when the classroom is no longer one made by hand and unlinked
     */
    boolean link(District district, ClassroomRow row, ClassroomSuggestions.RosterClass k, String admin)
            throws SQLException {
        try (DirectoryTransaction tx = store.begin(district.id())) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            if (row.linkedTo() != null && !row.linkedTo().sourcedId().equals(k.sourcedId())) {
                Reviews.withdraw(tx, EntityKind.CLASSROOMS, row.linkedTo().sourcedId());
            }
            if (row.classroom().decision() != null) {
                // an archived one comes back, to be linked
                if (!records.decideUnlinkedClassroom(row.classroom().id(), false, admin)) {
                    return false;
                }
                records.forgetUnlinkedClassroomDecision(row.classroom().id());
            }
            Reviews.answer(tx, EntityKind.CLASSROOMS, k.sourcedId(), row.classroom().id(), admin);
            tx.commit();
            return true;
        }
    }

    /** Takes the link back: the classroom is undecided again. @return false when none was asked */
    boolean unlink(District district, ClassroomRow row) throws SQLException {
        if (row.linkedTo() == null) {
            return false;
        }
        try (DirectoryTransaction tx = store.begin(district.id())) {
            boolean removed = Reviews.withdraw(tx, EntityKind.CLASSROOMS, row.linkedTo().sourcedId());
            tx.commit();
            return removed;
        }
    }

    /**
     * Keeps the unlinked classroom as it is, or archives it; a link asked for it is taken back; one
     * transaction.
     *
     * @return false when the classroom is no longer one made by hand and unlinked
     */
    boolean keepOrArchive(District district, ClassroomRow row, boolean archive, String admin) throws SQLException {
        try (DirectoryTransaction tx = store.begin(district.id())) {
            if (row.linkedTo() != null) {
                Reviews.withdraw(tx, EntityKind.CLASSROOMS, row.linkedTo().sourcedId());
            }
            if (!HandMadeRecords.in(tx).decideUnlinkedClassroom(row.classroom().id(), archive, admin)) {
                return false;
            }
            tx.commit();
            return true;
        }
    }

    /**
     * The active classes of a snapshot with their teachers: enrollments first (which users teach
     * which class), then only those users, so a large district's students are never held.
     */
    static List<ClassroomSuggestions.RosterClass> read(RosterSnapshot snapshot) {
        Map<String, List<String>> teachersOf = new HashMap<>();
        Set<String> teacherIds = new HashSet<>();
        try (Stream<Enrollment> enrollments = snapshot.enrollments()) {
            enrollments.filter(e -> e.status() != RecordStatus.TO_BE_DELETED && "teacher".equals(e.role()))
                    .forEach(e -> {
                        teachersOf.computeIfAbsent(e.classSourcedId(), k -> new ArrayList<>()).add(e.userSourcedId());
                        teacherIds.add(e.userSourcedId());
                    });
        }
        Map<String, ClassroomSuggestions.Teacher> teachers = new HashMap<>();
        try (Stream<User> users = snapshot.users()) {
            users.filter(u -> teacherIds.contains(u.sourcedId())).forEach(u -> teachers.put(u.sourcedId(),
                    new ClassroomSuggestions.Teacher(u.givenName(), u.familyName(), u.email())));
        }
        List<ClassroomSuggestions.RosterClass> out = new ArrayList<>();
        try (Stream<RosterClass> classes = snapshot.classes()) {
            classes.filter(k -> k.status() != RecordStatus.TO_BE_DELETED).forEach(k -> out.add(
                    new ClassroomSuggestions.RosterClass(k.sourcedId(), k.title() == null ? k.sourcedId() : k.title(),
                            k.schoolSourcedId(), k.periods(), k.grades(), teachersOf.getOrDefault(k.sourcedId(),
                                    List.of()).stream().map(teachers::get).filter(t -> t != null).toList())));
        }
        out.sort(Comparator.comparing(ClassroomSuggestions.RosterClass::title)
                .thenComparing(ClassroomSuggestions.RosterClass::sourcedId));
        return List.copyOf(out);
    }
}
