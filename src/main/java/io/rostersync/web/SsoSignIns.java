package io.rostersync.web;

import io.rostersync.accounts.Admin;
import io.rostersync.accounts.AdminSignIns;
import io.rostersync.accounts.SingleSignOn;
import io.rostersync.directory.PeopleReads;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who signed in through a district's identity provider. The claim the provider carries the roster's id
 * in (Clever's user id, ClassLink's SourcedId, or the one the district names) is, for one of the
 * district's people, looked up in the directory's source links; for an admin, in the links the district
 * made between its admin accounts and the provider ({@link AdminSignIns}). Someone neither has is
 * refused ({@code not_in_roster}, {@code not_an_admin}): never matched by a name or an email.
 */
final class SsoSignIns implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String NOT_IN_ROSTER = "not_in_roster";
    static final String NOT_AN_ADMIN = "not_an_admin";

    private final OidcUserService delegate = new OidcUserService();
    private final SsoRegistrations registrations;
    private final PeopleReads people;
    private final AdminSignIns admins;

    SsoSignIns(SsoRegistrations registrations, SsoHttp http, PeopleReads people, AdminSignIns admins) {
        this.registrations = registrations;
        this.people = people;
        this.admins = admins;
        delegate.setOauth2UserService(http.userInfo());
    }

    /** A district's admin, signed in through its provider: the console takes them as that account. */
    static final class AdminUser extends DefaultOidcUser {
        private static final long serialVersionUID = 1L;
        final transient Admin admin;
        final SingleSignOn.Kind provider;
        final java.time.Instant providerUpdatedAt;
        final String identity;

        AdminUser(OidcUser user, Admin admin, SingleSignOn.Provider provider, String identity) {
            super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
            this.admin = admin;
            this.provider = provider.kind();
            this.providerUpdatedAt = provider.updatedAt();
            this.identity = identity;
        }
    }

    /** A signed-in person of a district's directory. */
    static final class DirectoryUser extends DefaultOidcUser {
        private static final long serialVersionUID = 1L;
        final long districtId;
        final long personId;
        final String personName;
        final String kind;
        /** The provider as it was at the sign-in: turned off or changed since, the session ends. */
        final SingleSignOn.Kind provider;
        final java.time.Instant providerUpdatedAt;

        DirectoryUser(OidcUser user, SingleSignOn.Provider provider, PeopleReads.SignedIn person) {
            super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
            this.districtId = provider.districtId();
            this.provider = provider.kind();
            this.providerUpdatedAt = provider.updatedAt();
            this.personId = person.id();
            this.personName = person.name();
            this.kind = person.kind() == null ? "person" : person.kind().label();
        }
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        String registrationId = request.getClientRegistration().getRegistrationId();
        SingleSignOn.Provider provider = registrations.provider(registrationId).orElseThrow(() ->
                new OAuth2AuthenticationException(new OAuth2Error("invalid_client", "no such provider", null)));
        Map<String, Object> claims = user.getClaims();
        if (provider.tenantClaim() != null
                && !provider.tenantValue().equals(String.valueOf(claims.get(provider.tenantClaim())))) {
            // a provider shared by several districts: this sign-in is another tenant's
            throw new OAuth2AuthenticationException(new OAuth2Error("wrong_tenant",
                    "the sign-in belongs to another tenant of the provider", null));
        }
        Object id = claims.get(provider.identityClaim());
        if (id == null) {
            // some providers name the claim in another case (ClassLink's SourcedId)
            id = claims.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(provider.identityClaim()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (id == null || id.toString().isBlank()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    SsoRegistrations.forAdmins(registrationId) ? NOT_AN_ADMIN : NOT_IN_ROSTER,
                    "the provider did not say who this is in the roster (" + provider.identityClaim() + ")", null));
        }
        boolean byEmail = provider.identityClaim().equalsIgnoreCase("email");
        if (byEmail && !"true".equalsIgnoreCase(String.valueOf(claims.get("email_verified")))) {
            // an address the provider has not checked is anyone's to type in (Microsoft's is never checked)
            throw new OAuth2AuthenticationException(new OAuth2Error("unverified_email",
                    "the provider has not verified the email address the sign-in is found by", null));
        }
        if (SsoRegistrations.forAdmins(registrationId)) {
            try {
                return new AdminUser(user, admins.signIn(provider.districtId(), provider.kind(), id.toString(), byEmail)
                        .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(NOT_AN_ADMIN,
                                "no admin account of the district signs in as this", null))), provider,
                        id.toString());
            } catch (SQLException e) {
                throw new OAuth2AuthenticationException(new OAuth2Error("server_error",
                        "the admin accounts could not be read", null), e);
            }
        }
        Optional<PeopleReads.SignedIn> person;
        try {
            person = people.bySourcedId(provider.districtId(), id.toString());
        } catch (SQLException e) {
            throw new OAuth2AuthenticationException(new OAuth2Error("server_error", "the directory could not be read",
                    null), e);
        }
        if (person.isEmpty()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(NOT_IN_ROSTER,
                    "not in the district's roster", null));
        }
        return new DirectoryUser(user, provider, person.get());
    }
}
