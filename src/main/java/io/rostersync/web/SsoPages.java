package io.rostersync.web;

import io.rostersync.accounts.SingleSignOn;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The pages of a district's people signing in: the district's sign-in page (a button per identity
 * provider it turned on), who they are once signed in, and the pages that say why not.
 */
@Controller
class SsoPages {

    private final Districts districts;
    private final SingleSignOn sso;

    SsoPages(DataSource dataSource, SingleSignOn sso) {
        this.districts = new Districts(dataSource);
        this.sso = sso;
    }

    /** A way to sign in, as the page shows it. */
    record Way(String label, String href) {
    }

    @GetMapping("/sso/{district:[a-z0-9-]+}")
    String district(@PathVariable String district, Model model) throws SQLException {
        Optional<District> d = districts.find(district);
        List<SingleSignOn.Provider> enabled = d.isEmpty() ? List.of() : sso.enabled(d.get().id());
        List<Way> ways = enabled.stream()
                .map(p -> new Way(switch (p.kind()) {
                    case CLEVER -> "Sign in with Clever";
                    case CLASSLINK -> "Sign in with ClassLink";
                    case OIDC -> "Sign in with your district account";
                }, "/oauth2/authorization/" + p.registrationId())).toList();
        List<Way> adminWays = enabled.stream()
                .map(p -> new Way("Sign in to the console with " + switch (p.kind()) {
                    case CLEVER -> "Clever";
                    case CLASSLINK -> "ClassLink";
                    case OIDC -> "your district account";
                }, "/oauth2/authorization/" + SsoRegistrations.adminRegistrationId(p))).toList();
        model.addAttribute("districtName", d.map(District::name).orElse(null));
        model.addAttribute("ways", ways);
        model.addAttribute("adminWays", adminWays);
        return "sso/sign-in";
    }

    // literal paths: more specific than a district's /sso/{district}, which would otherwise take them
    @GetMapping("/sso/choose")
    String choose(@org.springframework.web.bind.annotation.RequestParam(required = false) String district) {
        if (district != null && district.trim().toLowerCase(Locale.ROOT).matches("[a-z0-9-]{1,100}")) {
            return "redirect:/sso/" + district.trim().toLowerCase(Locale.ROOT);
        }
        return "sso/choose";
    }

    @GetMapping("/sso/not-an-admin")
    String notAnAdmin() {
        return "sso/not-an-admin";
    }

    @GetMapping("/sso/unavailable")
    String unavailable() {
        return "sso/unavailable";
    }

    @GetMapping("/sso/not-in-roster")
    String notInRoster() {
        return "sso/not-in-roster";
    }

    @GetMapping("/sso/failed")
    String failed() {
        return "sso/failed";
    }

    @GetMapping("/sso/signed-out")
    String signedOut() {
        return "sso/signed-out";
    }

    @GetMapping("/me")
    String me(@AuthenticationPrincipal Object principal, Model model, jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response) throws SQLException {
        if (principal instanceof Caller) {
            return "redirect:/console"; // an admin signed in through the provider: their page is the console
        }
        if (!(principal instanceof SsoSignIns.DirectoryUser person)) {
            return "redirect:/sso/failed";
        }
        if (sso.find(person.districtId, person.provider).filter(p -> p.enabled()
                && p.updatedAt().equals(person.providerUpdatedAt)).isEmpty()) {
            // the district turned the provider off or changed it since: this sign-in no longer holds
            new org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler().logout(request,
                    response, org.springframework.security.core.context.SecurityContextHolder.getContext()
                            .getAuthentication());
            return "redirect:/sso/signed-out";
        }
        OidcUser user = person;
        model.addAttribute("name", person.personName);
        model.addAttribute("kind", switch (person.kind) {
            case "students" -> "a student";
            case "staff" -> "a member of staff";
            case "guardians" -> "a parent or guardian";
            default -> "a person";
        });
        model.addAttribute("districtName", districts.find(person.districtId).map(District::name).orElse(""));
        model.addAttribute("issuer", user.getIssuer() == null ? "" : user.getIssuer().getHost().toLowerCase(Locale.ROOT));
        return "sso/me";
    }
}
