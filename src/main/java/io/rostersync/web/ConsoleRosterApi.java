package io.rostersync.web;

import io.rostersync.intake.ApiPulls;
import io.rostersync.intake.RosterApis;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
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

    private static final String CONSOLE = " (console)";
    private final RosterApiActions actions;

    ConsoleRosterApi(RosterApiActions actions) {
        this.actions = actions;
    }

    /** Saves the API (a secret left empty keeps the saved one) and tests it. */
    @PostMapping("/console/roster-api")
    String save(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "oneroster") String provider,
            @RequestParam(defaultValue = "") String baseUrl, @RequestParam(defaultValue = "1.1") String version,
            @RequestParam(defaultValue = "bearer") String auth,
            @RequestParam(defaultValue = "") String contactTypes,
            @RequestParam(defaultValue = "") String clientId, @RequestParam(defaultValue = "") String secret,
            @RequestParam(defaultValue = "") String tokenUrl, @RequestParam(defaultValue = "") String scope,
            @RequestParam(defaultValue = "60") int pullEveryMinutes, @RequestParam(required = false) Integer pageSize,
            @RequestParam(required = false) Integer fullPullEveryHours, RedirectAttributes shown) throws SQLException {
        // what the form does not carry stays as saved (a relationship filter set through the API, turned off)
        Optional<RosterApis.RosterApi> before = actions.find(caller, caller.district());
        actions.save(caller, caller.district(), new RosterApis.Settings(baseUrl, version, auth, clientId,
                secret.isEmpty() ? null : secret, tokenUrl.isBlank() ? null : tokenUrl, scope, pullEveryMinutes,
                before.map(RosterApis.RosterApi::enabled).orElse(true), provider, List.of(contactTypes.split(",")),
                before.map(RosterApis.RosterApi::contactRelationships).orElse(List.of()), pageSize,
                fullPullEveryHours), CONSOLE);
        return test(caller, shown);
    }

    @PostMapping("/console/roster-api/test")
    String test(@AuthenticationPrincipal Caller caller, RedirectAttributes shown) throws SQLException {
        ApiPulls.ConnectionTest test = actions.test(caller, caller.district(), CONSOLE).orElseThrow(() ->
                ApiProblem.conflict("There is no roster API to test.", "Save its settings first."));
        shown.addFlashAttribute("apiTest", test);
        return "redirect:/console/sftp#roster-api";
    }

    @PostMapping("/console/roster-api/pull-now")
    String pullNow(@AuthenticationPrincipal Caller caller) throws SQLException {
        if (!actions.pullNow(caller, caller.district(), CONSOLE)) {
            throw ApiProblem.conflict("There is no roster API to pull.", "Save its settings first.");
        }
        return "redirect:/console/sftp#roster-api";
    }
}
