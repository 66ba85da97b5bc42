package io.rostersync.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What we know of the files in a district's SFTP site between polls (kept in the database, so any
 * node may poll next): since when each has had its size and time, and whether it was taken already.
 */
final class SiteFiles {

    private final DataSource dataSource;

    SiteFiles(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Notes the files just listed (a changed one is new again; one gone is forgotten) and returns them
     * as candidates for a drop.
     */
    List<CompleteDrop.Candidate> note(long districtId, List<SftpPoller.RemoteFile> listed, Instant now)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                record Known(long size, long modified, Instant since, boolean taken) {
                }
                Map<String, Known> known = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT name, size, modified, seen_since,"
                        + " taken_at IS NOT NULL FROM sftp_site_file WHERE district_id = ? FOR UPDATE")) {
                    s.setLong(1, districtId);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            known.put(rs.getString(1), new Known(rs.getLong(2), rs.getLong(3),
                                    rs.getTimestamp(4).toInstant(), rs.getBoolean(5)));
                        }
                    }
                }
                List<CompleteDrop.Candidate> candidates = new ArrayList<>();
                try (PreparedStatement upsert = c.prepareStatement("""
                        INSERT INTO sftp_site_file (district_id, name, size, modified, seen_since)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (district_id, name) DO UPDATE SET size = excluded.size,
                            modified = excluded.modified, seen_since = excluded.seen_since, taken_at = NULL""")) {
                    for (SftpPoller.RemoteFile file : listed) {
                        Known before = known.remove(file.name());
                        if (before != null && before.size() == file.size() && before.modified() == file.modified()) {
                            candidates.add(new CompleteDrop.Candidate(file.name(), before.since(), false,
                                    before.taken()));
                            continue;
                        }
                        upsert.setLong(1, districtId);
                        upsert.setString(2, file.name());
                        upsert.setLong(3, file.size());
                        upsert.setLong(4, file.modified());
                        upsert.setTimestamp(5, Timestamp.from(now));
                        upsert.addBatch();
                        candidates.add(new CompleteDrop.Candidate(file.name(), now, false, false));
                    }
                    upsert.executeBatch();
                }
                try (PreparedStatement gone = c.prepareStatement(
                        "DELETE FROM sftp_site_file WHERE district_id = ? AND name = ?")) {
                    for (String name : known.keySet()) {
                        gone.setLong(1, districtId);
                        gone.setString(2, name);
                        gone.addBatch();
                    }
                    gone.executeBatch();
                }
                c.commit();
                return candidates;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Marks the files taken, each only if it is still as it was listed. */
    void taken(long districtId, List<SftpPoller.RemoteFile> files) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE sftp_site_file"
                + " SET taken_at = now() WHERE district_id = ? AND name = ? AND size = ? AND modified = ?")) {
            for (SftpPoller.RemoteFile file : files) {
                s.setLong(1, districtId);
                s.setString(2, file.name());
                s.setLong(3, file.size());
                s.setLong(4, file.modified());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
