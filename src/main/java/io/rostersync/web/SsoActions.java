package io.rostersync.web;

import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminSignIns;
import io.rostersync.accounts.SingleSignOn;
import io.rostersync.directory.District;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * How a district signs its people and admins in, as the console and the API both change it: a district
 * admin's to change, refused with a reason an admin can act on, written to the audit trail.
 */
@Component
class SsoActions {

    private final Access access;
    private final Audit audit;
    private final SingleSignOn sso;
    private final AdminSignIns adminSignIns;
    private final AdminAccounts adminAccounts;

    SsoActions(Access access, Audit audit, SingleSignOn sso, DataSource dataSource) {
        this.access = access;
        this.audit = audit;
        this.sso = sso;
        this.adminSignIns = new AdminSignIns(dataSource);
        this.adminAccounts = new AdminAccounts(dataSource);
    }

    /** A provider's settings as given; a blank secret keeps the saved one. */
    record ProviderChange(String issuer, String clientId, String clientSecret, String identityClaim,
            String tenantClaim, String tenantValue, Boolean enabled) {

        @Override
        public String toString() {
            return "ProviderChange[" + issuer + ", " + clientId + ", secret " + (clientSecret == null ? "kept"
                    : "(hidden)") + "]";
        }
    }

    static SingleSignOn.Kind kind(String provider) {
        try {
            return SingleSignOn.Kind.valueOf(provider.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.invalid("'" + provider + "' is not a sign-in provider.", "Choose clever, classlink or"
                    + " oidc (the district's own).");
        }
    }

    List<SingleSignOn.Provider> providers(Caller caller, String district) throws SQLException {
        District d = access.districtAdmin(caller, district, "see how the district's people sign in");
        return sso.all(d.id());
    }

    SingleSignOn.Provider save(Caller caller, String district, SingleSignOn.Kind kind, ProviderChange change, String via)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "change how the district's people sign in");
        String secret = change.clientSecret() == null || change.clientSecret().isEmpty() ? null : change.clientSecret();
        SingleSignOn.Provider saved;
        try {
            saved = sso.save(d.id(), kind, change.issuer(), change.clientId(), secret, change.identityClaim(),
                    change.enabled() == null || change.enabled(), change.tenantClaim(), change.tenantValue());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(e.getMessage(), "Give the provider's public https issuer (the address its"
                    + " /.well-known/openid-configuration is under), the client id and the secret it made for us.");
        }
        audit.record(caller, "sso.change", "district " + d.slug(), kind.name().toLowerCase(Locale.ROOT) + " "
                + saved.issuer() + ", client " + saved.clientId() + ", claim " + saved.identityClaim()
                + (saved.tenantClaim() == null ? "" : ", tenant " + saved.tenantClaim() + "=" + saved.tenantValue())
                + (secret == null ? "" : "; secret set") + (saved.enabled() ? "" : " (off)") + via);
        return saved;
    }

    List<AdminSignIns.Link> adminLinks(Caller caller, String district) throws SQLException {
        District d = access.districtAdmin(caller, district, "see how the district's admins sign in");
        return adminSignIns.all(d.id());
    }

    AdminSignIns.Link link(Caller caller, String district, long adminId, SingleSignOn.Kind kind, String identity,
            String via) throws SQLException {
        District d = access.districtAdmin(caller, district, "change how the district's admins sign in");
        if (adminAccounts.find(d.id(), adminId).isEmpty()) {
            throw ApiProblem.notFound("Admin account " + adminId);
        }
        AdminSignIns.Link link;
        try {
            link = adminSignIns.link(d.id(), adminId, kind, identity);
        } catch (AdminAccounts.InvalidAccountException e) {
            throw ApiProblem.invalid(e.getMessage(), "Give the value the provider's identity claim carries for this"
                    + " admin (their Clever id, their ClassLink SourcedId, or what the district's own provider sends).");
        }
        audit.record(caller, "admin.sign-in.link", "admin " + link.username(), kind.name().toLowerCase(Locale.ROOT)
                + " as " + link.identity() + via);
        return link;
    }

    boolean unlink(Caller caller, String district, long adminId, SingleSignOn.Kind kind, String via)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "change how the district's admins sign in");
        boolean removed = adminSignIns.unlink(d.id(), adminId, kind);
        if (removed) {
            audit.record(caller, "admin.sign-in.unlink", "admin #" + adminId, kind.name().toLowerCase(Locale.ROOT)
                    + via);
        }
        return removed;
    }
}
