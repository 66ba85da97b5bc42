package io.rostersync.web;

import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.ApiTokens;
import io.rostersync.accounts.LoginThrottle;
import io.rostersync.directory.Districts;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API signs every request in on its own (no session, so no cookie to forge requests with):
 * an admin's username and password (HTTP Basic) or a district's API token (Bearer). The console
 * signs an admin in once, with a form, into a session (its cookie SameSite=Strict, every change
 * carrying a CSRF token, pages under a strict Content-Security-Policy). Both count failed sign-ins
 * in one {@link LoginThrottle}. Health and Prometheus metrics are open to the operator's
 * monitoring; everything else is closed.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** One count of failed sign-ins, whichever way they come (API or console). */
    @Bean
    LoginThrottle adminSignInThrottle() {
        return new LoginThrottle(Clock.systemUTC());
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, DataSource dataSource, LoginThrottle throttle) throws Exception {
        Districts districts = new Districts(dataSource);
        AuthenticationManager manager = new ProviderManager(
                new SignIn.Passwords(new AdminAccounts(dataSource), districts, throttle),
                new SignIn.Tokens(new ApiTokens(dataSource), districts));
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Rostersync\", Bearer realm=\"Rostersync\"");
            write(response, HttpStatus.UNAUTHORIZED, e instanceof LockedException ? "locked-out" : "unauthorized",
                    e instanceof InsufficientAuthenticationException ? "Sign in to use the API." : e.getMessage(),
                    "Send an admin's username and password (HTTP Basic) or a district API token"
                            + " (Authorization: Bearer rs_...).");
        };
        AccessDeniedHandler denied = (request, response, e) -> write(response, HttpStatus.FORBIDDEN, "forbidden",
                "You may not do this.", "Ask a district admin of your district.");
        AuthenticationFilter bearer = new AuthenticationFilter(manager, new SignIn.BearerConverter());
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .authenticationManager(manager)
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .addFilterBefore(bearer, BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health/**", "/actuator/health",
                        "/actuator/prometheus", "/actuator/info").permitAll().anyRequest().denyAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** Content the console's pages may use: their own scripts and styles only, nothing inline, no frames. */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    @Order(3)
    SecurityFilterChain console(HttpSecurity http, DataSource dataSource, LoginThrottle throttle,
            io.rostersync.accounts.SingleSignOn sso) throws Exception {
        AuthenticationManager manager = new ProviderManager(
                new SignIn.Passwords(new AdminAccounts(dataSource), new Districts(dataSource), throttle, true));
        http.securityMatcher("/", "/console", "/console/**", "/webjars/**")
                // an admin's sign-in only: a person signed in through the district's provider (the people
                // chain, the same session) is no admin of anything
                .authorizeHttpRequests(a -> a.requestMatchers("/console/sign-in", "/console/assets/**", "/webjars/**")
                        .permitAll().anyRequest().hasAnyRole(java.util.Arrays.stream(
                                io.rostersync.accounts.AdminRole.values()).map(Enum::name).toArray(String[]::new)))
                .authenticationManager(manager)
                .formLogin(f -> f.loginPage("/console/sign-in").loginProcessingUrl("/console/sign-in")
                        .defaultSuccessUrl("/console", true)
                        .failureHandler((request, response, e) -> response.sendRedirect("/console/sign-in?"
                                + (e instanceof LockedException ? "locked" : "wrong"))))
                .logout(l -> l.logoutUrl("/console/sign-out").logoutSuccessUrl("/console/sign-in?signed-out"))
                .sessionManagement(s -> s.sessionFixation(f -> f.newSession()))
                .addFilterAfter(new SignIn.SessionStillValid(new AdminAccounts(dataSource),
                        new io.rostersync.accounts.AdminSignIns(dataSource), sso),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONSOLE_CSP))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * A district's people (staff, guardians, students) signing in through its identity provider
     * (Clever, ClassLink, its own): OpenID Connect, the person found through the directory's source
     * links ({@link SsoSignIns}); someone the roster does not have gets a page that says so.
     */
    /**
     * The districts' identity providers, made once: an issuer, and the endpoints its discovery names,
     * are public addresses unless {@code rostersync.poll.allow-private-hosts=true}.
     */
    @Bean
    io.rostersync.accounts.SingleSignOn singleSignOn(DataSource dataSource, io.rostersync.storage.SecretBox secrets,
            org.springframework.core.env.Environment environment) {
        return new io.rostersync.accounts.SingleSignOn(dataSource, secrets,
                environment.getProperty("rostersync.poll.allow-private-hosts", Boolean.class, false));
    }

    /** The service's one way to call identity providers: no redirects followed (also the ID tokens' decoders). */
    @Bean
    SsoHttp ssoHttp(io.rostersync.accounts.SingleSignOn sso) {
        return new SsoHttp(sso.allowsPrivateHosts());
    }

    @Bean
    @Order(4)
    SecurityFilterChain people(HttpSecurity http, DataSource dataSource, io.rostersync.accounts.SingleSignOn sso,
            SsoHttp ssoHttp) throws Exception {
        SsoRegistrations registrations = new SsoRegistrations(sso, ssoHttp);
        SsoAdminSessions adminSessions = new SsoAdminSessions(new AdminAccounts(dataSource), new Districts(dataSource));
        http.securityMatcher("/sso/**", "/me", "/me/**", "/oauth2/**", "/login/oauth2/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/sso/**").permitAll().anyRequest().authenticated())
                .oauth2Login(o -> o.clientRegistrationRepository(registrations)
                        .loginPage("/sso/choose")
                        .withObjectPostProcessor(new org.springframework.security.config
                                .ObjectPostProcessor<org.springframework.security.oauth2.client.web
                                        .OAuth2AuthorizationRequestRedirectFilter>() {
                            @Override
                            public <O extends org.springframework.security.oauth2.client.web
                                    .OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                                // the provider's discovery failed: a page that says so, not a server error
                                filter.setAuthenticationFailureHandler((request, response, e) ->
                                        response.sendRedirect("/sso/unavailable"));
                                return filter;
                            }
                        })
                        .tokenEndpoint(t -> t.accessTokenResponseClient(ssoHttp.tokens()))
                        .userInfoEndpoint(u -> u.oidcUserService(new SsoSignIns(registrations, ssoHttp,
                                new io.rostersync.directory.PeopleReads(dataSource),
                                new io.rostersync.accounts.AdminSignIns(dataSource))))
                        .successHandler(adminSessions)
                        .failureHandler((request, response, e) -> {
                            // the person sees a page; the operator sees why (an expired token, a wrong audience)
                            SSO_LOG.info("a sign-in through a district's provider was refused: {}", e.getMessage());
                            response.sendRedirect("/sso/" + (e instanceof org.springframework.security.oauth2.core
                                    .OAuth2AuthenticationException o2 ? switch (o2.getError().getErrorCode()) {
                                        case SsoSignIns.NOT_IN_ROSTER -> "not-in-roster";
                                        case SsoSignIns.NOT_AN_ADMIN -> "not-an-admin";
                                        default -> "failed";
                                    } : "failed"));
                        }))
                .logout(l -> l.logoutUrl("/me/sign-out").logoutSuccessUrl("/sso/signed-out"))
                .sessionManagement(s -> s.sessionFixation(f -> f.newSession()))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONSOLE_CSP)));
        return http.build();
    }

    @Bean
    @Order(10)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().denyAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    private static final JsonMapper JSON = new JsonMapper();
    private static final org.slf4j.Logger SSO_LOG = org.slf4j.LoggerFactory.getLogger(SsoSignIns.class);

    /** A refusal before any controller is reached, in the shape {@link ApiErrors} gives the others. */
    private static void write(HttpServletResponse response, HttpStatus status, String code, String message,
            String hint) throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", message);
        body.put("code", code);
        body.put("hint", hint);
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
