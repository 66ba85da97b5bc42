package io.rostersync.web;

import io.rostersync.intake.ApiPulls;
import io.rostersync.intake.RosterApis;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A district's roster API (a OneRoster REST provider): where it is and how we sign in (the secret is
 * written, never read back), a connection test that lists the schools it serves, and a pull at the
 * next pass. Its pulls become drops, which follow the district's schedule as SFTP drops do.
 */
@RestController
@RequestMapping("/api/v1/districts/{district}/roster-api")
class RosterApiApi {

    private final RosterApiActions actions;

    RosterApiApi(RosterApiActions actions) {
        this.actions = actions;
    }

    /** The API as saved, without its secret. */
    record RosterApiView(boolean configured, String provider, String baseUrl, String version, String auth,
            String clientId, boolean secretSaved, String tokenUrl, String scope, List<String> contactTypes,
            List<String> contactRelationships, Long pullEveryMinutes, Integer pageSize, Long fullPullEveryHours,
            boolean enabled, Instant pulledAt, String pullError, Long pullRequests, String lastPull,
            Instant fullPulledAt) {

        static RosterApiView of(Optional<RosterApis.RosterApi> api) {
            if (api.isEmpty()) {
                return new RosterApiView(false, null, null, null, null, null, false, null, null, List.of(), List.of(),
                        null, null, null, false, null, null, null, null, null);
            }
            RosterApis.RosterApi a = api.get();
            return new RosterApiView(true, a.provider().name().toLowerCase(Locale.ROOT), a.base().toString(),
                    a.version().label(), a.auth().name().toLowerCase(Locale.ROOT), a.clientId(), true,
                    a.tokenUri() == null ? null : a.tokenUri().toString(), a.scope(), a.contactTypes(),
                    a.contactRelationships(), a.pullEvery().toMinutes(), a.pageSize(),
                    a.fullPullEvery() == null ? null : a.fullPullEvery().toHours(), a.enabled(), a.pulledAt(),
                    a.pullError(), a.pullRequests(), a.lastPull(), a.fullPulledAt());
        }
    }

    /**
     * What an admin sends; a secret left out keeps the one saved, a page size left out is the default,
     * a whole-pull interval left out has every pull read the whole roster.
     */
    record RosterApiChange(String provider, String baseUrl, String version, String auth, String clientId,
            String secret, String tokenUrl, String scope, List<String> contactTypes, List<String> contactRelationships,
            Integer pullEveryMinutes, Integer pageSize, Integer fullPullEveryHours, Boolean enabled) {

        @Override
        public String toString() {
            return "RosterApiChange[" + baseUrl + ", secret " + (secret == null ? "kept" : "(hidden)") + "]";
        }
    }

    record ConnectionTestView(boolean connected, List<String> schools, long total, String problem, String hint) {
    }

    @GetMapping
    RosterApiView api(@AuthenticationPrincipal Caller caller, @PathVariable String district) throws SQLException {
        return RosterApiView.of(actions.find(caller, district));
    }

    @PutMapping
    RosterApiView save(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody RosterApiChange change) throws SQLException {
        return RosterApiView.of(Optional.of(actions.save(caller, district, new RosterApis.Settings(change.baseUrl(),
                change.version(), change.auth(), change.clientId(), change.secret(), change.tokenUrl(), change.scope(),
                change.pullEveryMinutes(), change.enabled(), change.provider(), change.contactTypes(),
                change.contactRelationships(), change.pageSize(), change.fullPullEveryHours()), "")));
    }

    @DeleteMapping
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        if (!actions.delete(caller, district, "")) {
            throw ApiProblem.notFound("The roster API of district '" + district + "'");
        }
        return ResponseEntity.noContent().build();
    }

    /** Signs in as a pull would and lists the schools the API serves; changes nothing. */
    @PostMapping("/test")
    ConnectionTestView test(@AuthenticationPrincipal Caller caller, @PathVariable String district) throws SQLException {
        ApiPulls.ConnectionTest test = actions.test(caller, district, "").orElseThrow(() ->
                ApiProblem.notFound("The roster API of district '" + district + "'"));
        return new ConnectionTestView(test.connected(), test.schools(), test.total(), test.problem(), test.hint());
    }

    /** Pulls the API at the next pass of the poll thread rather than at its time. */
    @PostMapping("/pull-now")
    RosterApiView pullNow(@AuthenticationPrincipal Caller caller, @PathVariable String district) throws SQLException {
        if (!actions.pullNow(caller, district, "")) {
            throw ApiProblem.notFound("The roster API of district '" + district + "'");
        }
        return RosterApiView.of(actions.find(caller, district));
    }
}
