package io.rostersync.web;

import io.rostersync.accounts.AdminSignIns;
import io.rostersync.accounts.SingleSignOn;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a district's people and admins sign in: Clever, ClassLink or the district's own OpenID provider,
 * each with the client id and secret the provider gave for us (the secret written, never read back) and
 * the claim that carries a person's id in the roster; and which admin accounts sign in through which
 * provider. The district's sign-in page is {@code /sso/<district>}.
 */
@RestController
@RequestMapping("/api/v1/districts/{district}")
class SsoApi {

    private final SsoActions actions;

    SsoApi(SsoActions actions) {
        this.actions = actions;
    }

    record ProviderView(String provider, String issuer, String clientId, String identityClaim, String tenantClaim,
            String tenantValue, boolean enabled) {

        static ProviderView of(SingleSignOn.Provider p) {
            return new ProviderView(p.kind().name().toLowerCase(Locale.ROOT), p.issuer().toString(), p.clientId(),
                    p.identityClaim(), p.tenantClaim(), p.tenantValue(), p.enabled());
        }
    }

    record AdminLinkView(long adminId, String username, String provider, String identity) {

        static AdminLinkView of(AdminSignIns.Link link) {
            return new AdminLinkView(link.adminId(), link.username(), link.provider().name().toLowerCase(Locale.ROOT),
                    link.identity());
        }
    }

    record SsoView(String signInPage, List<ProviderView> providers, List<AdminLinkView> admins) {
    }

    record IdentityChange(String identity) {
    }

    @GetMapping("/sso")
    SsoView providers(@AuthenticationPrincipal Caller caller, @PathVariable String district) throws SQLException {
        List<ProviderView> providers = actions.providers(caller, district).stream().map(ProviderView::of).toList();
        return new SsoView("/sso/" + district, providers,
                actions.adminLinks(caller, district).stream().map(AdminLinkView::of).toList());
    }

    @PutMapping("/sso/{provider:clever|classlink|oidc}")
    ProviderView save(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @PathVariable String provider, @RequestBody SsoActions.ProviderChange change) throws SQLException {
        return ProviderView.of(actions.save(caller, district, SsoActions.kind(provider), change, ""));
    }

    /** The admin account signs in through the provider as the one whose identity claim has this value. */
    @PutMapping("/admins/{admin}/sign-in/{provider:clever|classlink|oidc}")
    AdminLinkView link(@AuthenticationPrincipal Caller caller, @PathVariable String district, @PathVariable long admin,
            @PathVariable String provider, @RequestBody IdentityChange change) throws SQLException {
        return AdminLinkView.of(actions.link(caller, district, admin, SsoActions.kind(provider),
                change == null ? null : change.identity(), ""));
    }

    @DeleteMapping("/admins/{admin}/sign-in/{provider:clever|classlink|oidc}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlink(@AuthenticationPrincipal Caller caller, @PathVariable String district, @PathVariable long admin,
            @PathVariable String provider) throws SQLException {
        if (!actions.unlink(caller, district, admin, SsoActions.kind(provider), "")) {
            throw ApiProblem.notFound("A sign-in through " + provider + " for admin account " + admin);
        }
    }
}
