package io.rostersync.web;

import io.rostersync.cleanup.Archiving;
import io.rostersync.cleanup.DuplicatePair;
import io.rostersync.cleanup.Duplicates;
import io.rostersync.directory.District;
import io.rostersync.directory.PeopleReads;
import io.rostersync.directory.StudentArchive;
import io.rostersync.directory.StudentMerges;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Step 9, cleanup: the students the sync does not manage (archive them, by school or district-wide,
 * and undo it), the possible duplicates with their evidence (not a duplicate, or merge), a merge's
 * preview, the merge, and its undo.
 */
@Controller
class ConsoleCleanup {

    private static final int PAIRS = 50;

    private final Access access;
    private final CleanupActions actions;
    private final Duplicates duplicates;
    private final Archiving archiving;
    private final StudentMerges merges;
    private final PeopleReads people;

    ConsoleCleanup(Access access, CleanupActions actions, DataSource dataSource) {
        this.access = access;
        this.actions = actions;
        this.duplicates = new Duplicates(dataSource);
        this.archiving = new Archiving(dataSource);
        this.merges = new StudentMerges(dataSource);
        this.people = new PeopleReads(dataSource);
    }

    @GetMapping("/console/cleanup")
    String page(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "clean up the directory");
        model.addAttribute("notSynced", archiving.preview(d.id(), actions.selection(caller, d,
                new CleanupActions.Scope(null, null, null, null, "hand", null))));
        model.addAttribute("scan", duplicates.lastScan(d.id()).orElse(null));
        model.addAttribute("candidates", duplicates.count(d.id()));
        model.addAttribute("archives", archiving.actions(d.id(), 10));
        List<StudentMerges.Merge> recent = merges.merges(d.id(), 10);
        model.addAttribute("merges", recent);
        model.addAttribute("names", names(d, recent));
        return ConsolePages.page(model, caller, d, "cleanup");
    }

    @GetMapping("/console/cleanup/duplicates")
    String duplicates(@AuthenticationPrincipal Caller caller, Model model,
            @RequestParam(defaultValue = "0") int offset) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "review duplicate students");
        int from = Math.max(0, offset);
        List<DuplicatePair> pairs = duplicates.candidates(d.id(), from, PAIRS + 1);
        model.addAttribute("pairs", pairs.subList(0, Math.min(PAIRS, pairs.size())));
        model.addAttribute("next", pairs.size() > PAIRS ? from + PAIRS : null);
        model.addAttribute("previous", from > 0 ? Math.max(0, from - PAIRS) : null);
        model.addAttribute("total", duplicates.count(d.id()));
        model.addAttribute("scan", duplicates.lastScan(d.id()).orElse(null));
        model.addAttribute("dismissals", duplicates.dismissals(d.id(), 20));
        return ConsolePages.page(model, caller, d, "duplicates");
    }

    @PostMapping("/console/cleanup/duplicates/refresh")
    String refresh(@AuthenticationPrincipal Caller caller) throws SQLException {
        actions.refresh(caller, access.district(caller, caller.district()));
        return "redirect:/console/cleanup/duplicates";
    }

    @PostMapping("/console/cleanup/duplicates/dismiss")
    String dismiss(@AuthenticationPrincipal Caller caller, @RequestParam long a, @RequestParam long b)
            throws SQLException {
        actions.dismiss(caller, access.district(caller, caller.district()), a, b);
        return "redirect:/console/cleanup/duplicates";
    }

    @PostMapping("/console/cleanup/duplicates/undismiss")
    String undismiss(@AuthenticationPrincipal Caller caller, @RequestParam long a, @RequestParam long b)
            throws SQLException {
        actions.undismiss(caller, access.district(caller, caller.district()), a, b);
        return "redirect:/console/cleanup/duplicates";
    }

    /** What merging {@code merge} into {@code keep} would move; the admin may swap which one is kept. */
    @GetMapping("/console/cleanup/merge")
    String preview(@AuthenticationPrincipal Caller caller, Model model, @RequestParam long keep,
            @RequestParam long merge) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "merge duplicate students");
        StudentMerges.Plan plan = merges.preview(d.id(), keep, merge);
        if (plan.survivor() == null || plan.merged() == null) {
            throw ApiProblem.notFound("Person " + (plan.survivor() == null ? keep : merge));
        }
        model.addAttribute("plan", plan);
        model.addAttribute("kinds", StudentMerges.KINDS);
        model.addAttribute("pair", duplicates.pair(d.id(), keep, merge).orElse(null));
        return ConsolePages.page(model, caller, d, "merge");
    }

    @PostMapping("/console/cleanup/merge")
    String merge(@AuthenticationPrincipal Caller caller, @RequestParam long keep, @RequestParam long merge)
            throws SQLException {
        long id = actions.merge(caller, access.district(caller, caller.district()), keep, merge);
        return "redirect:/console/cleanup/merges/" + id;
    }

    @GetMapping("/console/cleanup/merges/{id}")
    String merged(@AuthenticationPrincipal Caller caller, Model model, @PathVariable long id) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read a merge");
        StudentMerges.Merge merge = merges.merge(d.id(), id).orElseThrow(() -> ApiProblem.notFound("Merge " + id));
        model.addAttribute("merge", merge);
        model.addAttribute("kinds", StudentMerges.KINDS);
        model.addAttribute("names", names(d, List.of(merge)));
        return ConsolePages.page(model, caller, d, "merged");
    }

    @PostMapping("/console/cleanup/merges/{id}/undo")
    String unmerge(@AuthenticationPrincipal Caller caller, @PathVariable long id) throws SQLException {
        actions.unmerge(caller, access.district(caller, caller.district()), id);
        return "redirect:/console/cleanup/merges/" + id;
    }

    /** What archiving a directory's students would do: the filter's, or the rows ticked. */
    @GetMapping("/console/cleanup/archive")
    String archivePreview(@AuthenticationPrincipal Caller caller, Model model,
            @RequestParam(required = false) String q, @RequestParam(required = false) Long school,
            @RequestParam(required = false) String grade, @RequestParam(required = false) String state,
            @RequestParam(required = false) String source, @RequestParam(name = "id", required = false) List<Long> ids,
            @RequestParam(defaultValue = "false") boolean ticked) throws SQLException {
        District d = access.district(caller, caller.district());
        CleanupActions.Scope scope = new CleanupActions.Scope(q, school, grade, state, source, ticked(ticked, ids));
        model.addAttribute("ticked", ticked);
        model.addAttribute("outcome", actions.preview(caller, d, scope));
        model.addAttribute("scope", scope);
        model.addAttribute("words", actions.describe(caller, d, scope));
        return ConsolePages.page(model, caller, d, "archive");
    }

    @PostMapping("/console/cleanup/archive")
    String archive(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String q,
            @RequestParam(required = false) Long school, @RequestParam(required = false) String grade,
            @RequestParam(required = false) String state, @RequestParam(required = false) String source,
            @RequestParam(name = "id", required = false) List<Long> ids,
            @RequestParam(defaultValue = "false") boolean ticked) throws SQLException {
        District d = access.district(caller, caller.district());
        CleanupActions.Scope scope = new CleanupActions.Scope(q, school, grade, state, source, ticked(ticked, ids));
        StudentArchive.Outcome outcome = actions.archive(caller, d, scope, actions.describe(caller, d, scope));
        return "redirect:/console/cleanup/archives/" + outcome.actionId();
    }

    @GetMapping("/console/cleanup/archives/{id}")
    String archived(@AuthenticationPrincipal Caller caller, Model model, @PathVariable long id) throws SQLException {
        District d = access.district(caller, caller.district());
        model.addAttribute("action", actions.action(caller, d, id));
        return ConsolePages.page(model, caller, d, "archived");
    }

    @PostMapping("/console/cleanup/archives/{id}/undo")
    String restore(@AuthenticationPrincipal Caller caller, @PathVariable long id) throws SQLException {
        actions.restore(caller, access.district(caller, caller.district()), id);
        return "redirect:/console/cleanup/archives/" + id;
    }

    @PostMapping("/console/people/{id}/unarchive")
    String unarchive(@AuthenticationPrincipal Caller caller, @PathVariable long id) throws SQLException {
        actions.unarchive(caller, access.district(caller, caller.district()), id);
        return "redirect:/console/people/" + id;
    }

    /** The rows ticked: none when the form was the ticks' and nothing was ticked (never "every one"). */
    private static List<Long> ticked(boolean ticked, List<Long> ids) {
        return ticked && ids == null ? List.of() : ids;
    }

    /** The names of the records of these merges, by id, for their links. */
    private Map<Long, String> names(District d, List<StudentMerges.Merge> list) throws SQLException {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        list.forEach(m -> {
            ids.add(m.survivorId());
            ids.add(m.mergedId());
        });
        Map<Long, String> names = new java.util.HashMap<>();
        for (PeopleReads.Row row : people.rows(d.id(), ids)) {
            names.put(row.id(), row.name());
        }
        return names;
    }
}
