package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.intake.ApiPulls;
import io.rostersync.intake.RosterApis;
import java.sql.SQLException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Step 1 of the setup, the third way in: the district's roster API (OneRoster REST), on the SFTP
 * page beside the two folders. Its secret is written, never shown; saving tests the connection and
 * lists the schools the API serves.
 */
@Controller
class ConsoleRosterApi {

    private final Access access;
    private final Audit audit;
    private final RosterApis apis;
    private final ApiPulls pulls;

    ConsoleRosterApi(Access access, Audit audit, RosterApis apis, ApiPulls pulls) {
        this.access = access;
        this.audit = audit;
        this.apis = apis;
        this.pulls = pulls;
    }

    /** Saves the API (a secret left empty keeps the saved one) and tests it. */
    @PostMapping("/console/roster-api")
    String save(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "oneroster") String provider,
            @RequestParam(defaultValue = "") String baseUrl, @RequestParam(defaultValue = "1.1") String version,
            @RequestParam(defaultValue = "bearer") String auth,
            @RequestParam(defaultValue = "") String contactTypes,
            @RequestParam(defaultValue = "") String clientId, @RequestParam(defaultValue = "") String secret,
            @RequestParam(defaultValue = "") String tokenUrl, @RequestParam(defaultValue = "") String scope,
            @RequestParam(defaultValue = "60") int pullEveryMinutes, RedirectAttributes shown) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "change the district's roster API");
        RosterApis.RosterApi saved;
        // what the form does not carry stays as saved (a relationship filter set through the API, turned off)
        java.util.Optional<RosterApis.RosterApi> before = apis.find(d.id());
        try {
            saved = apis.save(d.id(), new RosterApis.Settings(baseUrl, version, auth, clientId,
                    secret.isEmpty() ? null : secret, tokenUrl.isBlank() ? null : tokenUrl, scope, pullEveryMinutes,
                    before.map(RosterApis.RosterApi::enabled).orElse(true), provider,
                    java.util.List.of(contactTypes.split(",")),
                    before.map(RosterApis.RosterApi::contactRelationships).orElse(java.util.List.of())));
        } catch (RosterApis.InvalidSettingsException e) {
            throw ApiProblem.invalid(e.getMessage(), e.hint());
        }
        audit.record(caller, "roster-api.change", "district " + d.slug(), saved.base() + ", OneRoster "
                + saved.version().label() + (secret.isEmpty() ? "" : "; secret set") + " (console)");
        return test(caller, shown);
    }

    @PostMapping("/console/roster-api/test")
    String test(@AuthenticationPrincipal Caller caller, RedirectAttributes shown) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "test the district's roster API");
        if (apis.find(d.id()).isEmpty()) {
            throw ApiProblem.conflict("There is no roster API to test.", "Save its settings first.");
        }
        ApiPulls.ConnectionTest test = pulls.test(d.id());
        audit.record(caller, "roster-api.test", "district " + d.slug(), test.connected()
                ? "connected; " + test.total() + " school(s)" : "failed: " + test.problem());
        shown.addFlashAttribute("apiTest", test);
        return "redirect:/console/sftp#roster-api";
    }

    @PostMapping("/console/roster-api/pull-now")
    String pullNow(@AuthenticationPrincipal Caller caller) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "pull the district's roster API");
        if (!apis.pullNow(d.id())) {
            throw ApiProblem.conflict("There is no roster API to pull.", "Save its settings first.");
        }
        audit.record(caller, "roster-api.pull-now", "district " + d.slug(), "pulled at the next pass (console)");
        return "redirect:/console/sftp#roster-api";
    }
}
