package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.directory.DirectoryStore.DistrictBusyException;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A district's runs: their reports, every change of one as CSV, approving a held run, undoing one.
 * Runs cover every school, so they are for district admins.
 */
@RestController
@RequestMapping("/api/v1/districts/{district}/runs")
class RunsApi {

    private final Access access;
    private final Audit audit;
    private final Syncs syncs;

    RunsApi(Access access, Audit audit, DataSource dataSource, io.rostersync.storage.SecretBox secrets) {
        this.access = access;
        this.audit = audit;
        this.syncs = new Syncs(dataSource, secrets);
    }

    @GetMapping
    List<Views.RunView> runs(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestParam(defaultValue = "20") int limit) throws SQLException {
        District d = access.districtAdmin(caller, district, "read the sync reports");
        return syncs.runs(d.slug(), Math.max(1, Math.min(limit, 200))).stream().map(Views.RunView::of).toList();
    }

    @GetMapping("/{run}")
    Views.RunView run(@AuthenticationPrincipal Caller caller, @PathVariable String district, @PathVariable long run)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "read the sync reports");
        return Views.RunView.of(syncs.find(d.id(), run).orElseThrow(() -> ApiProblem.notFound("Run " + run)));
    }

    @GetMapping("/{run}/changes.csv")
    ResponseEntity<StreamingResponseBody> changes(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @PathVariable long run) throws SQLException {
        String slug = districtOfRun(caller, district, run, "export a sync report").slug();
        return csv(audit, syncs, caller, slug, run, "");
    }

    /** Every change of a run as a CSV download; the export goes to the audit trail. */
    static ResponseEntity<StreamingResponseBody> csv(Audit audit, Syncs syncs, Caller caller, String slug, long run,
            String via) throws SQLException {
        audit.record(caller, "run.export", "run " + run, "every change as CSV" + via);
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            syncs.exportCsv(slug, run, writer);
            writer.flush();
        };
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + slug + "-run-" + run + ".csv\"")
                .body(body);
    }

    @PostMapping("/{run}/approve")
    Views.RunView approve(@AuthenticationPrincipal Caller caller, @PathVariable String district, @PathVariable long run)
            throws SQLException {
        District d = districtOfRun(caller, district, run, "approve a held run");
        return Views.RunView.of(approve(audit, syncs, caller, d, run, ""));
    }

    /** Syncs a run held whole again, crossing the thresholds once: {@code {"reason": "..."}}, the reason required. */
    @PostMapping("/{run}/override")
    Views.RunView override(@AuthenticationPrincipal Caller caller, @PathVariable String district, @PathVariable long run,
            @org.springframework.web.bind.annotation.RequestBody java.util.Map<String, Object> body) throws SQLException {
        District d = districtOfRun(caller, district, run, "override a held run");
        ApiProblem.onlyFields(body, java.util.Set.of("reason"), "an override");
        Object reason = body.get("reason");
        return Views.RunView.of(override(audit, syncs, caller, d, run, reason instanceof String r ? r : null, ""));
    }

    @PostMapping("/{run}/undo")
    Views.RunView undo(@AuthenticationPrincipal Caller caller, @PathVariable String district, @PathVariable long run)
            throws SQLException {
        District d = districtOfRun(caller, district, run, "undo a run");
        return Views.RunView.of(undo(audit, syncs, caller, d, run, ""));
    }

    /** Applies a held run's archives, and says so in the audit trail. */
    static RunReport approve(Audit audit, Syncs syncs, Caller caller, District d, long run, String via)
            throws SQLException {
        RunReport approved = refusedAsConflict(() -> syncs.approve(d.slug(), run, caller.name()));
        audit.record(caller, "run.approve", "run " + run, "archives applied: " + approved.counts().values().stream()
                .mapToLong(RunReport.Counts::archived).sum() + via);
        return approved;
    }

    /**
     * Syncs the files of a run held whole again, letting this one run cross the thresholds, with the
     * admin's reason (required) on the new run and in the audit trail.
     */
    static RunReport override(Audit audit, Syncs syncs, Caller caller, District d, long run, String reason, String via)
            throws SQLException {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ApiProblem.invalid("An override needs a reason (at most 500 characters).",
                    "Say why the archives are expected, e.g. the end of the school year.");
        }
        RunReport applied = refusedAsConflict(() -> syncs.override(d.slug(), run, reason, caller.name()));
        audit.record(caller, "run.override", "run " + run, "synced again as run " + applied.run()
                + ", crossing the thresholds: " + reason.trim() + via);
        return applied;
    }

    /** Undoes a run (a run of its own), and says so in the audit trail. */
    static RunReport undo(Audit audit, Syncs syncs, Caller caller, District d, long run, String via)
            throws SQLException {
        RunReport undo = refusedAsConflict(() -> syncs.undo(d.slug(), run));
        audit.record(caller, "run.undo", "run " + run, "reverted by run " + undo.run() + via);
        return undo;
    }

    /** The caller's district, a district admin's, once it is known to have the run. */
    private District districtOfRun(Caller caller, String district, long run, String action) throws SQLException {
        District d = access.districtAdmin(caller, district, action);
        syncs.find(d.id(), run).orElseThrow(() -> ApiProblem.notFound("Run " + run));
        return d;
    }

    private static RunReport refusedAsConflict(java.util.function.Supplier<RunReport> action) {
        try {
            return action.get();
        } catch (Syncs.SyncException e) {
            if (e.refused()) {
                throw ApiProblem.conflict(e.getMessage(), "Read the run's report to see where it stands.");
            }
            throw e;
        } catch (DistrictBusyException e) {
            throw ApiProblem.conflict("A sync of the district is under way.", "Try again when it has finished.");
        }
    }
}
