package io.rostersync.web;

import io.rostersync.directory.District;
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

    private final Access access;
    private final Audit audit;
    private final RosterApis apis;
    private final ApiPulls pulls;

    RosterApiApi(Access access, Audit audit, RosterApis apis, ApiPulls pulls) {
        this.access = access;
        this.audit = audit;
        this.apis = apis;
        this.pulls = pulls;
    }

    /** The API as saved, without its secret. */
    record RosterApiView(boolean configured, String provider, String baseUrl, String version, String auth,
            String clientId, boolean secretSaved, String tokenUrl, String scope, List<String> contactTypes,
            List<String> contactRelationships, Long pullEveryMinutes, boolean enabled, Instant pulledAt,
            String pullError, Long pullRequests) {

        static RosterApiView of(Optional<RosterApis.RosterApi> api) {
            if (api.isEmpty()) {
                return new RosterApiView(false, null, null, null, null, null, false, null, null, List.of(), List.of(),
                        null, false, null, null, null);
            }
            RosterApis.RosterApi a = api.get();
            return new RosterApiView(true, a.provider().name().toLowerCase(Locale.ROOT), a.base().toString(),
                    a.version().label(), a.auth().name().toLowerCase(Locale.ROOT), a.clientId(), true,
                    a.tokenUri() == null ? null : a.tokenUri().toString(), a.scope(), a.contactTypes(),
                    a.contactRelationships(), a.pullEvery().toMinutes(), a.enabled(), a.pulledAt(), a.pullError(),
                    a.pullRequests());
        }
    }

    /** What an admin sends; a secret left out keeps the one saved. */
    record RosterApiChange(String provider, String baseUrl, String version, String auth, String clientId,
            String secret, String tokenUrl, String scope, List<String> contactTypes, List<String> contactRelationships,
            Integer pullEveryMinutes, Boolean enabled) {

        @Override
        public String toString() {
            return "RosterApiChange[" + baseUrl + ", secret " + (secret == null ? "kept" : "(hidden)") + "]";
        }
    }

    record ConnectionTestView(boolean connected, List<String> schools, long total, String problem, String hint) {
    }

    @GetMapping
    RosterApiView api(@AuthenticationPrincipal Caller caller, @PathVariable String district) throws SQLException {
        District d = access.districtAdmin(caller, district, "see the district's roster API");
        return RosterApiView.of(apis.find(d.id()));
    }

    @PutMapping
    RosterApiView save(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody RosterApiChange change) throws SQLException {
        District d = access.districtAdmin(caller, district, "change the district's roster API");
        boolean existed = apis.find(d.id()).isPresent();
        RosterApis.RosterApi saved;
        try {
            saved = apis.save(d.id(), new RosterApis.Settings(change.baseUrl(), change.version(), change.auth(),
                    change.clientId(), change.secret(), change.tokenUrl(), change.scope(), change.pullEveryMinutes(),
                    change.enabled(), change.provider(), change.contactTypes(), change.contactRelationships()));
        } catch (RosterApis.InvalidSettingsException e) {
            throw ApiProblem.invalid(e.getMessage(), e.hint());
        }
        audit.record(caller, existed ? "roster-api.change" : "roster-api.connect", "district " + d.slug(),
                saved.provider().name().toLowerCase(Locale.ROOT) + " " + saved.base() + ", OneRoster "
                        + saved.version().label() + ", "
                        + saved.auth().name().toLowerCase(Locale.ROOT) + (change.secret() == null ? "" : "; secret set")
                        + "; pulled every " + saved.pullEvery().toMinutes() + " min" + (saved.enabled() ? "" : " (off)"));
        return RosterApiView.of(Optional.of(saved));
    }

    @DeleteMapping
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String district)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "remove the district's roster API");
        if (!apis.delete(d.id())) {
            throw ApiProblem.notFound("The roster API of district '" + d.slug() + "'");
        }
        audit.record(caller, "roster-api.remove", "district " + d.slug(), "no longer pulled; its secret deleted");
        return ResponseEntity.noContent().build();
    }

    /** Signs in as a pull would and lists the schools the API serves; changes nothing. */
    @PostMapping("/test")
    ConnectionTestView test(@AuthenticationPrincipal Caller caller, @PathVariable String district) throws SQLException {
        District d = access.districtAdmin(caller, district, "test the district's roster API");
        existing(d);
        ApiPulls.ConnectionTest test = pulls.test(d.id());
        audit.record(caller, "roster-api.test", "district " + d.slug(), test.connected()
                ? "connected; " + test.total() + " school(s)" : "failed: " + test.problem());
        return new ConnectionTestView(test.connected(), test.schools(), test.total(), test.problem(), test.hint());
    }

    /** Pulls the API at the next pass of the poll thread rather than at its time. */
    @PostMapping("/pull-now")
    RosterApiView pullNow(@AuthenticationPrincipal Caller caller, @PathVariable String district) throws SQLException {
        District d = access.districtAdmin(caller, district, "pull the district's roster API");
        existing(d);
        apis.pullNow(d.id());
        audit.record(caller, "roster-api.pull-now", "district " + d.slug(), "pulled at the next pass");
        return RosterApiView.of(apis.find(d.id()));
    }

    private RosterApis.RosterApi existing(District d) throws SQLException {
        return apis.find(d.id()).orElseThrow(() -> ApiProblem.notFound("The roster API of district '" + d.slug()
                + "'"));
    }
}
