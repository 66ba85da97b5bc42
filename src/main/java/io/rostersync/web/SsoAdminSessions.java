package io.rostersync.web;

import io.rostersync.accounts.Admin;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AuditEvent.ActorKind;
import io.rostersync.directory.Districts;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where a sign-in through a district's provider lands. One of its people goes to {@code /me}; an admin's
 * session becomes the console's own sign-in of that account (the same {@link CallerAuthentication} with
 * the account's stamp a password sign-in holds), so the console checks it as any other: a changed or
 * disabled account, the link it came by taken away, or the provider turned off or changed ends it.
 */
final class SsoAdminSessions implements AuthenticationSuccessHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SsoAdminSessions.class);

    private final AdminAccounts accounts;
    private final Districts districts;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SsoAdminSessions(AdminAccounts accounts, Districts districts) {
        this.accounts = accounts;
        this.districts = districts;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        String base = request.getContextPath();
        if (!(authentication.getPrincipal() instanceof SsoSignIns.AdminUser signedIn)) {
            response.sendRedirect(base + "/me");
            return;
        }
        Admin admin = signedIn.admin;
        try {
            String stamp = accounts.sessionStamp(admin.districtId(), admin.username()).orElse(null);
            if (stamp == null) {
                // disabled between the link's lookup and now: no session of any kind
                SecurityContextHolder.clearContext();
                sessions.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
                response.sendRedirect(base + "/sso/not-an-admin");
                return;
            }
            String slug = districts.find(admin.districtId()).orElseThrow().slug();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(new Caller(admin.districtId(), slug, admin.username(),
                    ActorKind.ADMIN, admin.role(), admin.schools()), stamp,
                    new CallerAuthentication.SignedInThrough(signedIn.provider, signedIn.providerUpdatedAt,
                            signedIn.identity)));
            SecurityContextHolder.setContext(context);
            sessions.saveContext(context, request, response);
            LOG.info("admin '{}' of district {} signed in through {}", admin.username(), admin.districtId(),
                    signedIn.getIssuer());
            response.sendRedirect(base + "/console");
        } catch (SQLException e) {
            throw new ServletException("could not start the admin's session", e);
        }
    }
}
