package io.rostersync.web;

import io.rostersync.accounts.SingleSignOn;
import io.rostersync.directory.District;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a district's people sign in: Clever, ClassLink or the district's own OpenID provider, each with
 * the client id and secret the provider gave for us (the secret written, never read back) and the
 * claim that carries a person's id in the roster. The district's sign-in page is {@code /sso/<district>}.
 */
@RestController
@RequestMapping("/api/v1/districts/{district}/sso")
class SsoApi {

    private final Access access;
    private final Audit audit;
    private final SingleSignOn sso;

    SsoApi(Access access, Audit audit, SingleSignOn sso) {
        this.access = access;
        this.audit = audit;
        this.sso = sso;
    }

    record ProviderView(String provider, String issuer, String clientId, String identityClaim, String tenantClaim,
            String tenantValue, boolean enabled) {

        static ProviderView of(SingleSignOn.Provider p) {
            return new ProviderView(p.kind().name().toLowerCase(Locale.ROOT), p.issuer().toString(), p.clientId(),
                    p.identityClaim(), p.tenantClaim(), p.tenantValue(), p.enabled());
        }
    }

    record SsoView(String signInPage, List<ProviderView> providers) {
    }

    record ProviderChange(String issuer, String clientId, String clientSecret, String identityClaim,
            String tenantClaim, String tenantValue, Boolean enabled) {

        @Override
        public String toString() {
            return "ProviderChange[" + issuer + ", " + clientId + ", secret " + (clientSecret == null ? "kept"
                    : "(hidden)") + "]";
        }
    }

    @GetMapping
    SsoView providers(@AuthenticationPrincipal Caller caller, @PathVariable String district) throws SQLException {
        District d = access.districtAdmin(caller, district, "see how the district's people sign in");
        return new SsoView("/sso/" + d.slug(), sso.all(d.id()).stream().map(ProviderView::of).toList());
    }

    @PutMapping("/{provider:clever|classlink|oidc}")
    ProviderView save(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @PathVariable String provider, @RequestBody ProviderChange change) throws SQLException {
        District d = access.districtAdmin(caller, district, "change how the district's people sign in");
        SingleSignOn.Kind kind = SingleSignOn.Kind.valueOf(provider.toUpperCase(Locale.ROOT));
        SingleSignOn.Provider saved;
        try {
            saved = sso.save(d.id(), kind, change.issuer(), change.clientId(), change.clientSecret(), change.identityClaim(),
                    change.enabled() == null || change.enabled(), change.tenantClaim(), change.tenantValue());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(e.getMessage(), "Give the provider's public https issuer (the address its"
                    + " /.well-known/openid-configuration is under), the client id and the secret it made for us.");
        }
        audit.record(caller, "sso.change", "district " + d.slug(), provider + " " + saved.issuer() + ", client "
                + saved.clientId() + ", claim " + saved.identityClaim() + (change.clientSecret() == null ? ""
                        : "; secret set") + (saved.enabled() ? "" : " (off)"));
        return ProviderView.of(saved);
    }
}
