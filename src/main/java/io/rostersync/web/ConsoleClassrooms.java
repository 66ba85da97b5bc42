package io.rostersync.web;

import io.rostersync.directory.ClassroomReads;
import io.rostersync.directory.District;
import io.rostersync.web.console.ClassroomRow;
import io.rostersync.web.console.ClassroomSuggestions;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Step 4 of the setup in the console (link the classrooms made before the sync to their classes,
 * or keep or archive them), and a classroom's page (its teachers, students and their guardians).
 */
@Controller
class ConsoleClassrooms {

    private static final String ACTION = "link the classrooms";

    private final Access access;
    private final Audit audit;
    private final ClassroomLinking linking;
    private final ClassroomReads classrooms;
    private final io.rostersync.intake.Intakes intakes;

    ConsoleClassrooms(Access access, Audit audit, ClassroomLinking linking, DataSource dataSource) {
        this.access = access;
        this.audit = audit;
        this.linking = linking;
        this.classrooms = new ClassroomReads(dataSource);
        this.intakes = new io.rostersync.intake.Intakes(dataSource);
    }

    @GetMapping("/console/classrooms")
    String classrooms(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), ACTION);
        model.addAttribute("sent", linking.filesRead(d));
        List<ClassroomRow> rows = linking.rows(d);
        model.addAttribute("rows", rows);
        model.addAttribute("undecided", rows.stream().filter(r -> !r.decided()).count());
        return ConsolePages.page(model, caller, d, "classrooms");
    }

    @PostMapping("/console/classrooms/{id}/link")
    String link(@AuthenticationPrincipal Caller caller, @PathVariable long id,
            @RequestParam(name = "class") String classSourcedId) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), ACTION);
        ClassroomRow row = row(d, id);
        ClassroomSuggestions.RosterClass k = row.schoolClasses().stream()
                .filter(c -> c.sourcedId().equals(classSourcedId)).findFirst()
                .orElseThrow(() -> ApiProblem.invalid("The latest files have no class " + classSourcedId + " at "
                        + row.classroom().schoolName() + " that is not linked to a classroom already.",
                        "Pick one of the classes listed for the classroom."));
        ConsolePages.unlessSyncing(() -> changed(linking.link(d, row, k, caller.name()), row));
        audit.record(caller, "classroom.link", "classroom " + id, row.classroom().title() + " is class "
                + k.title() + " (" + k.sourcedId() + "), from the next sync");
        return "redirect:/console/classrooms#classroom-" + id;
    }

    @PostMapping("/console/classrooms/{id}/unlink")
    String unlink(@AuthenticationPrincipal Caller caller, @PathVariable long id) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), ACTION);
        ClassroomRow row = row(d, id);
        ConsolePages.unlessSyncing(() -> changed(linking.unlink(d, row), row));
        audit.record(caller, "classroom.unlink", "classroom " + id, row.classroom().title() + " is no longer to be"
                + " linked to " + (row.linkedTo() == null ? "a class" : row.linkedTo().sourcedId()));
        return "redirect:/console/classrooms#classroom-" + id;
    }

    @PostMapping("/console/classrooms/{id}/keep")
    String keep(@AuthenticationPrincipal Caller caller, @PathVariable long id) throws SQLException {
        return keepOrArchive(caller, id, false);
    }

    @PostMapping("/console/classrooms/{id}/archive")
    String archive(@AuthenticationPrincipal Caller caller, @PathVariable long id) throws SQLException {
        return keepOrArchive(caller, id, true);
    }

    /** A classroom's page: teachers, students and each student's guardians; school admins see their schools'. */
    @GetMapping("/console/classrooms/{id}")
    String classroom(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) throws SQLException {
        District d = access.district(caller, caller.district());
        ClassroomReads.ClassroomPage page = classrooms.page(d.id(), id)
                .filter(p -> caller.reaches(p.classroom().schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("Classroom " + id));
        model.addAttribute("room", page);
        model.addAttribute("from", page.createdRun() == null ? null
                : intakes.dropsOfRuns(d.id(), List.of(page.createdRun())).get(page.createdRun()));
        return ConsolePages.page(model, caller, d, "classroom");
    }

    private String keepOrArchive(Caller caller, long id, boolean archive) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), ACTION);
        ClassroomRow row = row(d, id);
        ConsolePages.unlessSyncing(() -> changed(linking.keepOrArchive(d, row, archive, caller.name()), row));
        audit.record(caller, archive ? "classroom.archive" : "classroom.keep", "classroom " + id,
                row.classroom().title() + (archive ? " archived: no class of the sync is it"
                        : " kept as it is: no class of the sync is it"));
        return "redirect:/console/classrooms#classroom-" + id;
    }

    /** A write that found the classroom changed meanwhile (linked by a sync, say) is refused, not audited. */
    private static void changed(boolean done, ClassroomRow row) {
        if (!done) {
            throw ApiProblem.conflict("The classroom " + row.classroom().title() + " changed meanwhile, or had nothing"
                    + " to take back.", "Reload the page to see where it stands.");
        }
    }

    private ClassroomRow row(District d, long id) throws SQLException {
        return linking.rows(d).stream().filter(r -> r.classroom().id() == id).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Classroom " + id + " made before the sync"));
    }
}
