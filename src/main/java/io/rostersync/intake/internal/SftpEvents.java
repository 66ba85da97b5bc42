package io.rostersync.intake.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log of every login, refusal, lockout and file: a line of the application log, and a row of sftp_event. */
public final class SftpEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SftpEvents.class);

    private final DataSource dataSource;

    public SftpEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param districtId the account's district, or null for a name that is no account (logged, not stored) */
    public void record(Long districtId, String username, String address, String event, String detail) {
        LOG.info("sftp {} user={} address={} district={} {}", event, username, address, districtId,
                detail == null ? "" : detail);
        // no district or user tag: the operator's dashboard counts, the district's log names
        io.micrometer.core.instrument.Metrics.counter("rostersync.sftp.events", "event", event).increment();
        if (districtId == null) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sftp_event (district_id, username, address, event, detail) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, districtId);
            s.setString(2, username);
            s.setString(3, address);
            s.setString(4, event);
            s.setString(5, detail);
            s.executeUpdate();
        } catch (SQLException e) {
            // the login itself must not fail because its record could not be written; the log line stands
            LOG.warn("could not record sftp {} of {}: {}", event, username, e.getMessage());
        }
    }
}
