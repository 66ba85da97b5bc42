package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.web.console.SetupStep;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's own pages: sign-in, the setup checklist (its home) and the audit trail. The pages
 * of each setup step have controllers of their own; all of them check the signed-in admin through
 * {@link Access}, like the API, and are rendered on the server.
 */
@Controller
class ConsoleController {

    private final Access access;
    private final SetupChecklist checklist;
    private final io.rostersync.accounts.AuditTrail trail;

    ConsoleController(Access access, SetupChecklist checklist, DataSource dataSource) {
        this.access = access;
        this.checklist = checklist;
        this.trail = new io.rostersync.accounts.AuditTrail(dataSource);
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console/sign-in")
    String signIn() {
        return "console/sign-in";
    }

    @GetMapping("/console")
    String setup(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.district(caller, caller.district());
        List<SetupStep> steps = checklist.steps(d);
        model.addAttribute("steps", steps);
        model.addAttribute("done", steps.stream().filter(s -> s.status() == SetupStep.Status.DONE).count());
        return ConsolePages.page(model, caller, d, "setup");
    }

    /** The district's audit trail, a page of 50 at a time, newest first (district admins only). */
    @GetMapping("/console/audit")
    String audit(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Long before, Model model)
            throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "read the audit trail");
        List<io.rostersync.accounts.AuditEvent> events = trail.list(d.id(), before, AUDIT_PAGE + 1);
        model.addAttribute("events", events.subList(0, Math.min(AUDIT_PAGE, events.size())));
        model.addAttribute("before", before);
        model.addAttribute("next", events.size() > AUDIT_PAGE ? events.get(AUDIT_PAGE - 1).id() : null);
        return ConsolePages.page(model, caller, d, "audit");
    }

    private static final int AUDIT_PAGE = 50;
}
