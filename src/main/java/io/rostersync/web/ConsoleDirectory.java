package io.rostersync.web;

import io.rostersync.directory.DirectoryReads;
import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.District;
import io.rostersync.directory.PeopleReads;
import io.rostersync.directory.RecordState;
import io.rostersync.directory.StudentMerges;
import io.rostersync.cleanup.Duplicates;
import io.rostersync.sync.RecordHistory;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The directories: the district's (every school) and each school's, searched and filtered, a page
 * at a time; and a person's page with everything linked to them and a timeline of what the syncs
 * did to them. A school admin sees the people of their schools only (and their students' guardians).
 */
@Controller
class ConsoleDirectory {

    static final int PAGE = 50;
    private static final List<String> ROLES = List.of("student", "teacher", "aide", "administrator", "parent",
            "guardian", "relative");

    /** OneRoster's grades (the CEDS list), youngest first: a filter's choices, read from no table. */
    private static final List<String> GRADES = List.of("IT", "PR", "PK", "TK", "KG", "01", "02", "03", "04", "05",
            "06", "07", "08", "09", "10", "11", "12", "13", "PS", "UG", "Other");

    private final Access access;
    private final PeopleReads people;
    private final DirectoryReads directory;
    private final RecordHistory history;
    private final io.rostersync.directory.ClassroomReads classrooms;
    private final StudentMerges merges;
    private final Duplicates duplicates;
    private final io.rostersync.intake.Intakes intakes;

    ConsoleDirectory(Access access, DataSource dataSource) {
        this.access = access;
        this.people = new PeopleReads(dataSource);
        this.directory = new DirectoryReads(dataSource);
        this.history = new RecordHistory(dataSource);
        this.classrooms = new io.rostersync.directory.ClassroomReads(dataSource);
        this.merges = new StudentMerges(dataSource);
        this.duplicates = new Duplicates(dataSource);
        this.intakes = new io.rostersync.intake.Intakes(dataSource);
    }

    @GetMapping("/console/directory")
    String directory(@AuthenticationPrincipal Caller caller, Model model,
            @RequestParam(required = false) String q, @RequestParam(required = false) String role,
            @RequestParam(required = false) Long school, @RequestParam(required = false) String grade,
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "false") boolean archived,
            @RequestParam(required = false) String source,
            @RequestParam(name = "af", required = false) String afterFamily,
            @RequestParam(name = "ag", required = false) String afterGiven,
            @RequestParam(name = "ai", required = false) Long afterId) throws SQLException {
        District d = access.district(caller, caller.district());
        String schoolName = school == null ? null : access.school(caller, d, school).name();
        if (role != null && !role.isEmpty() && !ROLES.contains(role)) {
            throw ApiProblem.invalid("There is no role '" + role + "'.", "Pick a role from the list.");
        }
        RecordState chosenState = FilterParams.state(state);
        PeopleReads.Filter filter = new PeopleReads.Filter(FilterParams.blank(q), FilterParams.blank(role), school, FilterParams.blank(grade), chosenState,
                archived, caller.districtWide() ? null : caller.schools(), FilterParams.synced(source));
        PeopleReads.After after = afterId == null ? null
                : new PeopleReads.After(afterFamily == null ? "" : afterFamily, afterGiven == null ? "" : afterGiven,
                        afterId);
        PeopleReads.Page page = people.page(d.id(), filter, after, PAGE);
        List<DirectorySchool> schools = directory.schools(d.id()).stream().filter(s -> caller.reaches(s.id()))
                .filter(s -> s.state() != RecordState.ARCHIVED).toList();
        model.addAttribute("results", page);
        model.addAttribute("filter", filter);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("source", FilterParams.blank(source));
        model.addAttribute("schools", schools);
        model.addAttribute("roles", ROLES);
        model.addAttribute("grades", GRADES);
        model.addAttribute("states", List.of(RecordState.values()));
        model.addAttribute("first", after == null);
        model.addAttribute("scope", school == null ? (caller.districtWide() ? "District directory" : "Your schools")
                : schoolName);
        return ConsolePages.page(model, caller, d, "directory");
    }

    @GetMapping("/console/people/{id}")
    String person(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) throws SQLException {
        District d = access.district(caller, caller.district());
        if (!caller.districtWide() && !people.reaches(d.id(), id, caller.schools())) {
            throw ApiProblem.notFound("Person " + id);
        }
        PeopleReads.PersonPage person = people.person(d.id(), id)
                .orElseThrow(() -> ApiProblem.notFound("Person " + id));
        List<io.rostersync.sync.RecordHistory.Event> timeline = history.person(d.id(), id);
        if (!caller.districtWide()) {
            // a school admin sees the person's life at their schools: not their classes, children or
            // memberships elsewhere, in the page or in the timeline
            java.util.Map<Long, Boolean> reach = new java.util.HashMap<>();
            java.util.function.LongPredicate reachable = other -> reach.computeIfAbsent(other, o -> {
                try {
                    return people.reaches(d.id(), o, caller.schools());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            person = person.seenFrom(caller.schools(), reachable);
            java.util.Map<Long, Long> schoolOf = classrooms.schoolsOf(d.id(), timeline.stream()
                    .map(io.rostersync.sync.RecordHistory.Event::classroom).filter(java.util.Objects::nonNull).toList());
            timeline = timeline.stream().filter(e -> {
                Long classroom = e.classroom();
                Long relative = e.relative(id);
                return (classroom == null || caller.schools().contains(schoolOf.get(classroom)))
                        && (relative == null || reachable.test(relative));
            }).toList();
        }
        model.addAttribute("person", person);
        model.addAttribute("timeline", timeline);
        // where each run that made or changed the record got it from: its drop's source
        java.util.Set<Long> runs = new java.util.HashSet<>();
        timeline.forEach(e -> runs.add(e.run()));
        if (person.createdRun() != null) {
            runs.add(person.createdRun());
        }
        java.util.Map<Long, String> from = new java.util.HashMap<>();
        intakes.dropsOfRuns(d.id(), runs).forEach((run, drop) -> from.put(run, drop.from()));
        model.addAttribute("fromOf", from);
        boolean student = person.roles().stream().anyMatch(r -> r.role().equals("student"));
        // merges are the district's business: a school admin sees the record, not the records it was merged with
        List<StudentMerges.Merge> merged = student ? merges.mergesOf(d.id(), id) : List.of();
        StudentMerges.Merge mergedInto = merged.stream().filter(m -> m.mergedId() == id && !m.undone()).findFirst()
                .orElse(null);
        model.addAttribute("merges", caller.districtWide() ? merged : List.of());
        model.addAttribute("mergedInto", caller.districtWide() ? mergedInto : null);
        model.addAttribute("duplicates", student && caller.districtWide() ? duplicates.candidatesOf(d.id(), id)
                : List.of());
        model.addAttribute("unarchivable", student && !person.person().managed()
                && person.person().state() == RecordState.ARCHIVED && mergedInto == null);
        boolean guardian = person.roles().stream().anyMatch(r -> List.of("parent", "guardian", "relative")
                .contains(r.role()));
        model.addAttribute("receivesAnnouncements", guardian ? people.receivesAnnouncements(d.id(), id) : null);
        model.addAttribute("narrowed", !caller.districtWide());
        return ConsolePages.page(model, caller, d, "person");
    }
}
