package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import io.rostersync.web.console.KindCounts;
import io.rostersync.web.console.ProblemGroup;
import io.rostersync.web.console.RunBar;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Step 8 in the console: the run history (with a chart of each run's changes) and a run's page:
 * its counts per kind, why it was held, its changes kind by kind (each field before and after),
 * its problems; approve a held run or override one held whole (with a reason), undo a run, every
 * change as CSV.
 */
@Controller
class ConsoleRuns {

    private static final int HISTORY = 40;
    private static final int CHANGES = 100;

    private final Access access;
    private final Audit audit;
    private final Syncs syncs;
    private final io.rostersync.intake.Intakes intakes;
    private final io.rostersync.sync.RunChanges changes;

    ConsoleRuns(Access access, Audit audit, DataSource dataSource) {
        this.access = access;
        this.audit = audit;
        this.syncs = new Syncs(dataSource);
        this.intakes = new io.rostersync.intake.Intakes(dataSource);
        this.changes = new io.rostersync.sync.RunChanges(dataSource);
    }

    @GetMapping("/console/runs")
    String runs(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the sync reports");
        List<RunReport> runs = syncs.runs(d.slug(), HISTORY);
        model.addAttribute("runs", runs);
        model.addAttribute("dropOf", intakes.dropsOfRuns(d.id(), runs.stream().map(RunReport::run).toList()));
        model.addAttribute("bars", RunBar.of(runs));
        model.addAttribute("chartWidth", Math.max(1, runs.size()) * (RunBar.WIDTH + 4));
        model.addAttribute("chartHeight", RunBar.HEIGHT);
        return ConsolePages.page(model, caller, d, "runs");
    }

    @GetMapping("/console/runs/{id}")
    String run(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String kind,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "0") long after) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the sync reports");
        RunReport run = syncs.find(d.id(), id).orElseThrow(() -> ApiProblem.notFound("Run " + id));
        io.rostersync.directory.EntityKind chosen;
        try {
            chosen = kind == null || kind.isEmpty() ? null : io.rostersync.directory.EntityKind.ofLabel(kind);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("There is no kind '" + kind + "'.", "Pick a kind from the list.");
        }
        model.addAttribute("changes", changes.page(d.id(), id, chosen, after, CHANGES));
        model.addAttribute("kind", chosen == null ? "" : chosen.label());
        model.addAttribute("kinds", io.rostersync.directory.EntityKind.values());
        model.addAttribute("after", after);
        model.addAttribute("run", run);
        model.addAttribute("drop", intakes.dropsOfRuns(d.id(), List.of(id)).get(id));
        model.addAttribute("counts", KindCounts.of(run));
        model.addAttribute("groups", ProblemGroup.of(run.problems()));
        return ConsolePages.page(model, caller, d, "run");
    }

    @GetMapping("/console/runs/{id}/changes.csv")
    ResponseEntity<StreamingResponseBody> changes(@AuthenticationPrincipal Caller caller, @PathVariable long id)
            throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "export a sync report");
        syncs.find(d.id(), id).orElseThrow(() -> ApiProblem.notFound("Run " + id));
        return RunsApi.csv(audit, syncs, caller, d.slug(), id, " (console)");
    }

    @PostMapping("/console/runs/{id}/approve")
    String approve(@AuthenticationPrincipal Caller caller, @PathVariable long id) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "approve a held run");
        syncs.find(d.id(), id).orElseThrow(() -> ApiProblem.notFound("Run " + id));
        RunsApi.approve(audit, syncs, caller, d, id, " (console)");
        return "redirect:/console/runs/" + id;
    }

    /** Syncs a run held whole again, crossing the thresholds once; the reason is required. */
    @PostMapping("/console/runs/{id}/override")
    String override(@AuthenticationPrincipal Caller caller, @PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String reason) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "override a held run");
        syncs.find(d.id(), id).orElseThrow(() -> ApiProblem.notFound("Run " + id));
        RunReport applied = RunsApi.override(audit, syncs, caller, d, id, reason, " (console)");
        return "redirect:/console/runs/" + applied.run();
    }

    @PostMapping("/console/runs/{id}/undo")
    String undo(@AuthenticationPrincipal Caller caller, @PathVariable long id) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "undo a run");
        syncs.find(d.id(), id).orElseThrow(() -> ApiProblem.notFound("Run " + id));
        RunReport undo = RunsApi.undo(audit, syncs, caller, d, id, " (console)");
        return "redirect:/console/runs/" + undo.run();
    }
}
