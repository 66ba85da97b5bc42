package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.intake.ApiPulls;
import io.rostersync.intake.RosterApis;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The district's roster API as the console and the API both change it: a district admin's to connect,
 * test and pull, refused with a reason an admin can act on, written to the audit trail.
 */
@Component
class RosterApiActions {

    private final Access access;
    private final Audit audit;
    private final RosterApis apis;
    private final ApiPulls pulls;

    RosterApiActions(Access access, Audit audit, RosterApis apis, ApiPulls pulls) {
        this.access = access;
        this.audit = audit;
        this.apis = apis;
        this.pulls = pulls;
    }

    Optional<RosterApis.RosterApi> find(Caller caller, String district) throws SQLException {
        District d = access.districtAdmin(caller, district, "see the district's roster API");
        return apis.find(d.id());
    }

    /** Saves the API; a null secret keeps the saved one. */
    RosterApis.RosterApi save(Caller caller, String district, RosterApis.Settings settings, String via)
            throws SQLException {
        District d = access.districtAdmin(caller, district, "change the district's roster API");
        boolean existed = apis.find(d.id()).isPresent();
        RosterApis.RosterApi saved;
        try {
            saved = apis.save(d.id(), settings);
        } catch (RosterApis.InvalidSettingsException e) {
            throw ApiProblem.invalid(e.getMessage(), e.hint());
        }
        audit.record(caller, existed ? "roster-api.change" : "roster-api.connect", "district " + d.slug(),
                saved.provider().name().toLowerCase(Locale.ROOT) + " " + saved.base() + ", OneRoster "
                        + saved.version().label() + ", " + saved.auth().name().toLowerCase(Locale.ROOT)
                        + (settings.secret() == null ? "" : "; secret set") + "; pulled every "
                        + saved.pullEvery().toMinutes() + " min" + (saved.pageSize() == null ? ""
                                : " in pages of " + saved.pageSize()) + (saved.enabled() ? "" : " (off)") + via);
        return saved;
    }

    /** Whether there was an API to remove. */
    boolean delete(Caller caller, String district, String via) throws SQLException {
        District d = access.districtAdmin(caller, district, "remove the district's roster API");
        if (!apis.delete(d.id())) {
            return false;
        }
        audit.record(caller, "roster-api.remove", "district " + d.slug(), "no longer pulled; its secret deleted"
                + via);
        return true;
    }

    /** Signs in as a pull would and lists the schools the API serves; empty when there is no API to test. */
    Optional<ApiPulls.ConnectionTest> test(Caller caller, String district, String via) throws SQLException {
        District d = access.districtAdmin(caller, district, "test the district's roster API");
        if (apis.find(d.id()).isEmpty()) {
            return Optional.empty();
        }
        ApiPulls.ConnectionTest test = pulls.test(d.id());
        audit.record(caller, "roster-api.test", "district " + d.slug(), (test.connected()
                ? "connected; " + test.total() + " school(s)" : "failed: " + test.problem()) + via);
        return Optional.of(test);
    }

    /** Pulls the API at the next pass of the poll thread; false when there is no API to pull. */
    boolean pullNow(Caller caller, String district, String via) throws SQLException {
        District d = access.districtAdmin(caller, district, "pull the district's roster API");
        if (!apis.pullNow(d.id())) {
            return false;
        }
        audit.record(caller, "roster-api.pull-now", "district " + d.slug(), "pulled at the next pass" + via);
        return true;
    }
}
