package io.rostersync.web;

import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.District;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import io.rostersync.web.console.KindCounts;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** Step 6 of the setup in the console: the self-check, with a preview of the first sync. */
@Controller
class ConsoleSelfCheck {

    private static final String ACTION = "run the self-check";

    private final Access access;
    private final Audit audit;
    private final SelfCheck selfCheck;

    ConsoleSelfCheck(Access access, Audit audit, SelfCheck selfCheck) {
        this.access = access;
        this.audit = audit;
        this.selfCheck = selfCheck;
    }

    @GetMapping("/console/self-check")
    String page(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), ACTION);
        SelfCheck.Result result = selfCheck.check(d);
        model.addAttribute("checks", result.checks());
        model.addAttribute("blocking", result.blocking());
        model.addAttribute("ready", result.ready());
        model.addAttribute("sent", result.drop().isPresent());
        model.addAttribute("impact", result.impact().orElse(null));
        model.addAttribute("counts", result.impact().map(i -> KindCounts.of(i.run())).orElse(null));
        return ConsolePages.page(model, caller, d, "self-check");
    }

    /** Previews the latest files against the directory as it is now, then shows the checks. */
    @PostMapping("/console/self-check")
    String run(@AuthenticationPrincipal Caller caller) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), ACTION);
        Optional<RunReport> preview;
        try {
            preview = selfCheck.preview(d, caller.name());
        } catch (Syncs.SyncException | DirectoryStore.DistrictBusyException e) {
            throw ApiProblem.conflict("The preview could not run: " + e.getMessage(),
                    "Try again when the sync that is running has finished.");
        }
        if (preview.isEmpty()) {
            throw ApiProblem.conflict("No files to preview.", "Send or upload the files first.");
        }
        audit.record(caller, "self-check", "run " + preview.get().run(), "previewed the latest files: "
                + preview.get().status().label());
        return "redirect:/console/self-check";
    }
}
