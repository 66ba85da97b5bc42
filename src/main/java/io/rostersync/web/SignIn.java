package io.rostersync.web;

import io.rostersync.accounts.Admin;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.ApiToken;
import io.rostersync.accounts.ApiTokens;
import io.rostersync.accounts.AuditEvent.ActorKind;
import io.rostersync.accounts.AdminRole;
import io.rostersync.accounts.LoginThrottle;
import io.rostersync.directory.Districts;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * How a request signs in: an admin's username and password (HTTP Basic now, the console's form
 * later), slowed down per account and per address after repeated failures; or a district's API
 * token as a bearer token.
 */
final class SignIn {

    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

    private SignIn() {
    }

    /** Username and password, against the admin accounts. */
    static final class Passwords implements AuthenticationProvider {

        private final AdminAccounts accounts;
        private final Districts districts;
        private final LoginThrottle throttle;
        /** Whether the sign-in starts a session, which then holds the account's stamp (the console's). */
        private final boolean session;

        Passwords(AdminAccounts accounts, Districts districts, LoginThrottle throttle) {
            this(accounts, districts, throttle, false);
        }

        Passwords(AdminAccounts accounts, Districts districts, LoginThrottle throttle, boolean session) {
            this.accounts = accounts;
            this.districts = districts;
            this.throttle = throttle;
            this.session = session;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String username = String.valueOf(authentication.getPrincipal()).trim().toLowerCase(java.util.Locale.ROOT);
            String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress() : "unknown";
            Optional<Instant> locked = throttle.lockedUntil(username, address);
            if (locked.isPresent()) {
                throw new LockedException("Too many failed sign-ins; try again after " + locked.get() + ".");
            }
            try {
                Optional<Admin> admin = accounts.signIn(username, String.valueOf(authentication.getCredentials()));
                if (admin.isEmpty()) {
                    throttle.failed(username, address).ifPresent(lock -> LOG.warn("admin sign-in of '{}' from {}:"
                            + " {} locked until {} after repeated failures", username, address, lock.what(), lock.until()));
                    throw new BadCredentialsException("Wrong username or password.");
                }
                throttle.succeeded(username, address);
                Admin a = admin.get();
                String slug = districts.find(a.districtId()).orElseThrow().slug();
                return new CallerAuthentication(new Caller(a.districtId(), slug, a.username(), ActorKind.ADMIN,
                        a.role(), a.schools()), session ? accounts.sessionStamp(a.districtId(), a.username())
                                .orElse(null) : null);
            } catch (SQLException e) {
                throw new AuthenticationServiceException("could not check the sign-in", e);
            }
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    /**
     * Ends a console session whose account changed since it signed in (a new password, disabled,
     * another role or other schools), or that came through a provider's link taken away since: the next
     * request signs in again.
     */
    static final class SessionStillValid extends org.springframework.web.filter.OncePerRequestFilter {

        private final AdminAccounts accounts;
        private final io.rostersync.accounts.AdminSignIns signIns;
        private final io.rostersync.accounts.SingleSignOn providers;

        SessionStillValid(AdminAccounts accounts, io.rostersync.accounts.AdminSignIns signIns,
                io.rostersync.accounts.SingleSignOn providers) {
            this.accounts = accounts;
            this.signIns = signIns;
            this.providers = providers;
        }

        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, java.io.IOException {
            Authentication current = org.springframework.security.core.context.SecurityContextHolder.getContext()
                    .getAuthentication();
            if (current instanceof CallerAuthentication signedIn && signedIn.accountStamp() != null) {
                Caller caller = signedIn.getPrincipal();
                Optional<String> now;
                try {
                    now = accounts.sessionStamp(caller.districtId(), caller.name());
                    CallerAuthentication.SignedInThrough through = signedIn.through();
                    if (through != null && !(providers.find(caller.districtId(), through.provider())
                            .filter(p -> p.enabled() && p.updatedAt().equals(through.providerUpdatedAt())).isPresent()
                            && signIns.stillLinked(caller.districtId(), caller.name(), through.provider(),
                                    through.identity()))) {
                        // the provider was turned off or changed, or the link the session came by taken away
                        now = Optional.empty();
                    }
                } catch (SQLException e) {
                    throw new jakarta.servlet.ServletException("could not check the session's account", e);
                }
                if (now.isEmpty() || !now.get().equals(signedIn.accountStamp())) {
                    org.springframework.security.core.context.SecurityContextHolder.clearContext();
                    jakarta.servlet.http.HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    response.sendRedirect(request.getContextPath() + "/console/sign-in?expired");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** A bearer token, before it is checked. */
    static final class BearerToken extends AbstractAuthenticationToken {

        private static final long serialVersionUID = 1L;

        private final String secret;

        BearerToken(String secret) {
            super(java.util.List.of());
            this.secret = secret;
        }

        @Override
        public Object getCredentials() {
            return secret;
        }

        @Override
        public Object getPrincipal() {
            return "token";
        }
    }

    /** Reads {@code Authorization: Bearer ...}; other requests pass on to the next way of signing in. */
    static final class BearerConverter implements AuthenticationConverter {

        @Override
        public Authentication convert(HttpServletRequest request) {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            return new BearerToken(header.substring(7).trim());
        }
    }

    /** A bearer token, against the districts' API tokens. */
    static final class Tokens implements AuthenticationProvider {

        private final ApiTokens tokens;
        private final Districts districts;

        Tokens(ApiTokens tokens, Districts districts) {
            this.tokens = tokens;
            this.districts = districts;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            try {
                ApiToken token = tokens.authenticate((String) authentication.getCredentials())
                        .orElseThrow(() -> new BadCredentialsException("Unknown or revoked API token."));
                String slug = districts.find(token.districtId()).orElseThrow().slug();
                return new CallerAuthentication(new Caller(token.districtId(), slug,
                        "token " + token.name() + " (#" + token.id() + ")", ActorKind.TOKEN, AdminRole.DISTRICT_ADMIN,
                        Set.of()));
            } catch (SQLException e) {
                throw new AuthenticationServiceException("could not check the token", e);
            }
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return BearerToken.class.isAssignableFrom(authentication);
        }
    }
}
