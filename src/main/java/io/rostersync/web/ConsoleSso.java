package io.rostersync.web;

import io.rostersync.accounts.SingleSignOn;
import io.rostersync.directory.District;
import java.sql.SQLException;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The settings page's sign-in section: a provider for the district's people, saved (the secret never shown). */
@Controller
class ConsoleSso {

    private final Access access;
    private final Audit audit;
    private final SingleSignOn sso;

    ConsoleSso(Access access, Audit audit, SingleSignOn sso) {
        this.access = access;
        this.audit = audit;
        this.sso = sso;
    }

    @PostMapping("/console/sso")
    String save(@AuthenticationPrincipal Caller caller, @RequestParam String provider,
            @RequestParam(defaultValue = "") String issuer, @RequestParam String clientId,
            @RequestParam(defaultValue = "") String clientSecret, @RequestParam(defaultValue = "") String identityClaim,
            @RequestParam(defaultValue = "") String tenantClaim, @RequestParam(defaultValue = "") String tenantValue,
            @RequestParam(defaultValue = "false") boolean enabled) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "change how the district's people sign in");
        SingleSignOn.Kind kind;
        try {
            kind = SingleSignOn.Kind.valueOf(provider.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("'" + provider + "' is not a sign-in provider.", "Choose Clever, ClassLink or"
                    + " the district's own.");
        }
        SingleSignOn.Provider saved;
        try {
            saved = sso.save(d.id(), kind, issuer, clientId, clientSecret.isEmpty() ? null : clientSecret,
                    identityClaim, enabled, tenantClaim, tenantValue);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(e.getMessage(), "Give the issuer, the client id and the secret the provider made"
                    + " for us.");
        }
        audit.record(caller, "sso.change", "district " + d.slug(), provider + " " + saved.issuer() + ", client "
                + saved.clientId() + (clientSecret.isEmpty() ? "" : "; secret set") + (saved.enabled() ? "" : " (off)")
                + " (console)");
        return "redirect:/console/settings#sign-in";
    }
}
