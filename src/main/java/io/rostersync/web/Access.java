package io.rostersync.web;

import io.rostersync.directory.DirectoryReads;
import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The one place that decides what a caller may reach. A district in a URL is only ever the caller's
 * own (anything else is "not found", so that districts cannot be discovered); a school must be one
 * of the caller's; district-wide actions need a district admin (refusals go to the audit trail).
 */
@Component
class Access {

    private final Districts districts;
    private final DirectoryReads directory;
    private final Audit audit;

    Access(DataSource dataSource, Audit audit) {
        this.districts = new Districts(dataSource);
        this.directory = new DirectoryReads(dataSource);
        this.audit = audit;
    }

    /** The caller's district, if {@code slug} names it. */
    District district(Caller caller, String slug) {
        if (!caller.district().equals(slug)) {
            throw ApiProblem.notFound("District '" + slug + "'");
        }
        // by the caller's id, never the URL's: a district renamed since sign-in is not another's
        return districts.find(caller.districtId()).orElseThrow(() -> ApiProblem.notFound("District '" + slug + "'"));
    }

    /** The caller's district, for an action only a district admin may take. */
    District districtAdmin(Caller caller, String slug, String action) throws SQLException {
        District district = district(caller, slug);
        if (!caller.districtWide()) {
            audit.refused(caller, action, "only district admins may " + action);
            throw ApiProblem.forbidden(action);
        }
        return district;
    }

    /** A school of the caller's district that the caller reaches. */
    DirectorySchool school(Caller caller, District district, long schoolId) throws SQLException {
        if (!caller.reaches(schoolId)) {
            throw ApiProblem.notFound("School " + schoolId);
        }
        return directory.school(district.id(), schoolId).orElseThrow(() -> ApiProblem.notFound("School " + schoolId));
    }
}
