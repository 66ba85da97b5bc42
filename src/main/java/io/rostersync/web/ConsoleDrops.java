package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.intake.Intakes;
import io.rostersync.intake.ManualUploads;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import io.rostersync.web.console.KindCounts;
import io.rostersync.web.console.ProblemGroup;
import io.rostersync.web.console.When;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The console's upload (step 2) and drops: the list, and each drop's report, whose changing part
 * htmx refreshes while the drop is read.
 */
@Controller
class ConsoleDrops {

    private final Access access;
    private final Audit audit;
    private final Intakes intakes;
    private final Syncs syncs;
    private final ManualUploads uploads;

    ConsoleDrops(Access access, Audit audit, DataSource dataSource, ManualUploads uploads) {
        this.access = access;
        this.audit = audit;
        this.intakes = new Intakes(dataSource);
        this.syncs = new Syncs(dataSource);
        this.uploads = uploads;
    }

    @GetMapping("/console/upload")
    String upload(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "upload files");
        return ConsolePages.page(model, caller, d, "upload");
    }

    /**
     * The upload form's files, as one drop. The page's script sends them with a progress bar and
     * asks for JSON; the plain form (no script) is sent on to the drop's page.
     */
    @PostMapping(path = "/console/upload", consumes = "multipart/form-data")
    Object receive(@AuthenticationPrincipal Caller caller, @RequestParam("file") List<MultipartFile> files,
            HttpServletRequest request) throws SQLException, IOException {
        District d = access.districtAdmin(caller, caller.district(), "upload files");
        Intakes.Intake drop;
        try {
            drop = UploadsApi.receive(uploads, d.id(), files);
        } catch (ManualUploads.RefusedUploadException e) {
            if ("fetch".equals(request.getHeader("X-Requested-With"))) {
                return ResponseEntity.status(e.tooLarge() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST)
                        .body(Map.of("message", e.getMessage()));
            }
            throw ApiProblem.invalid(e.getMessage(), "Choose one OneRoster ZIP, or its CSV files.");
        }
        UploadsApi.recorded(audit, caller, drop, ", console");
        String location = "/console/drops/" + drop.id();
        if ("fetch".equals(request.getHeader("X-Requested-With"))) {
            return ResponseEntity.ok(Map.of("location", location));
        }
        return "redirect:" + location;
    }

    @GetMapping("/console/drops")
    String drops(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the drops");
        model.addAttribute("drops", intakes.list(d.id(), 50));
        return ConsolePages.page(model, caller, d, "drops");
    }

    @GetMapping("/console/drops/{id}")
    String drop(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the drops");
        dropModel(d, id, model);
        return ConsolePages.page(model, caller, d, "drop");
    }

    /** The part of a drop's page that changes while it is read; once it is, the whole page is loaded again. */
    @GetMapping("/console/drops/{id}/status")
    String dropStatus(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model,
            jakarta.servlet.http.HttpServletResponse response) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the drops");
        Intakes.Intake drop = dropModel(d, id, model);
        model.addAttribute("when", When.UTC);
        if (!waiting(drop)) {
            response.setHeader("HX-Refresh", "true");
        }
        return "console/drop :: status";
    }

    private Intakes.Intake dropModel(District d, long id, Model model) throws SQLException {
        Intakes.Intake drop = intakes.find(d.id(), id).orElseThrow(() -> ApiProblem.notFound("Drop " + id));
        model.addAttribute("drop", drop);
        model.addAttribute("waiting", waiting(drop));
        model.addAttribute("notKept", notKept(drop.detail()));
        Optional<RunReport> run = drop.runId() == null ? Optional.empty() : syncs.find(d.id(), drop.runId());
        model.addAttribute("run", run.orElse(null));
        model.addAttribute("counts", run.map(KindCounts::of).orElse(Map.of()));
        model.addAttribute("groups", run.map(r -> ProblemGroup.of(r.problems())).orElse(List.of()));
        return drop;
    }

    private static boolean waiting(Intakes.Intake drop) {
        return drop.status().equals("received") || drop.status().equals("running");
    }

    /** What of the drop was not kept (the columns and files we do not need), from its detail. */
    private static String notKept(String detail) {
        if (detail == null) {
            return null;
        }
        int at = detail.indexOf("not kept: ");
        return at < 0 ? null : detail.substring(at + "not kept: ".length());
    }
}
