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
 * an admin's username and password (HTTP Basic) or a district's API token (Bearer). Health and
 * Prometheus metrics are open to the operator's monitoring; everything else is closed until the
 * console exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, DataSource dataSource) throws Exception {
        Districts districts = new Districts(dataSource);
        AuthenticationManager manager = new ProviderManager(
                new SignIn.Passwords(new AdminAccounts(dataSource), districts, new LoginThrottle(Clock.systemUTC())),
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

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().denyAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    private static final JsonMapper JSON = new JsonMapper();

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
