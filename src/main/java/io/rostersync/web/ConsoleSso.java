package io.rostersync.web;

import java.sql.SQLException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The settings page's sign-in section: a provider for the district's people and admins (the secret never
 * shown), and which admin accounts sign in through which provider.
 */
@Controller
class ConsoleSso {

    private static final String CONSOLE = " (console)";
    private final SsoActions actions;

    ConsoleSso(SsoActions actions) {
        this.actions = actions;
    }

    @PostMapping("/console/sso")
    String save(@AuthenticationPrincipal Caller caller, @RequestParam String provider,
            @RequestParam(defaultValue = "") String issuer, @RequestParam String clientId,
            @RequestParam(defaultValue = "") String clientSecret, @RequestParam(defaultValue = "") String identityClaim,
            @RequestParam(defaultValue = "") String tenantClaim, @RequestParam(defaultValue = "") String tenantValue,
            @RequestParam(defaultValue = "false") boolean enabled) throws SQLException {
        actions.save(caller, caller.district(), SsoActions.kind(provider), new SsoActions.ProviderChange(issuer, clientId,
                clientSecret, identityClaim, tenantClaim, tenantValue, enabled), CONSOLE);
        return "redirect:/console/settings#sign-in";
    }

    @PostMapping("/console/sso/admins")
    String link(@AuthenticationPrincipal Caller caller, @RequestParam long admin, @RequestParam String provider,
            @RequestParam(defaultValue = "") String identity) throws SQLException {
        actions.link(caller, caller.district(), admin, SsoActions.kind(provider), identity, CONSOLE);
        return "redirect:/console/settings#admin-sign-in";
    }

    @PostMapping("/console/sso/admins/remove")
    String unlink(@AuthenticationPrincipal Caller caller, @RequestParam long admin, @RequestParam String provider)
            throws SQLException {
        actions.unlink(caller, caller.district(), admin, SsoActions.kind(provider), CONSOLE);
        return "redirect:/console/settings#admin-sign-in";
    }
}
