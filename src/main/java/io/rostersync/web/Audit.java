package io.rostersync.web;

import io.rostersync.accounts.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Writes an admin's action to its district's audit trail, with the address the request came from. */
@Component
class Audit {

    private final AuditTrail trail;

    Audit(DataSource dataSource) {
        this.trail = new AuditTrail(dataSource);
    }

    void record(Caller caller, String action, String target, String detail) throws SQLException {
        trail.record(caller.districtId(), caller.name(), caller.kind(), address(), action, target, detail);
    }

    void refused(Caller caller, String action, String why) throws SQLException {
        record(caller, "refused", null, action + ": " + why);
    }

    private static String address() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
