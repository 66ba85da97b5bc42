package io.rostersync.sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Dry runs and what they would do: the setup's self-check previews the first sync of the latest
 * files and reads, beside the counts, how many people and classrooms the sync would link to records
 * made before it, how many it would leave for an admin to settle, and how many guardians it skips for
 * want of an email or a phone.
 */
public final class Previews {

    private final DataSource dataSource;
    private final Syncs syncs;

    public Previews(DataSource dataSource, io.rostersync.storage.SecretBox secrets) {
        this.dataSource = dataSource;
        this.syncs = new Syncs(dataSource, secrets);
    }

    /** A preview's report and the numbers the self-check adds to it. */
    public record Impact(RunReport run, long peopleLinked, long classroomsLinked, long disputed,
            long guardiansWithoutContact) {
    }

    /** Plans the files against the directory as it is now, changing nothing. */
    public RunReport preview(String districtSlug, Path source, String admin) {
        return syncs.sync(new Syncs.Request(districtSlug, source, true, null, admin, s -> { }, true));
    }

    /**
     * The district's latest preview that began at or after {@code since} and after the directory or
     * the settings last changed outside a sync (an answer, a match, a saved setting: a preview from
     * before them no longer tells what the next sync would do), with its impact.
     */
    public Optional<Impact> latestSince(long districtId, Instant since) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT max(r.id)"
                + " FROM sync_run r JOIN district d ON d.id = r.district_id WHERE r.district_id = ? AND r.kind = 'sync'"
                + " AND r.status = 'preview' AND r.started_at >= ? AND r.started_at >= d.directory_changed_at")) {
            s.setLong(1, districtId);
            s.setTimestamp(2, java.sql.Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
                return Optional.of(impact(c, districtId, id));
            }
        }
    }

    private Impact impact(Connection c, long districtId, long runId) throws SQLException {
        RunReport run = syncs.find(districtId, runId).orElseThrow();
        long peopleLinked = 0;
        long classroomsLinked = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT kind IN ('students', 'staff', 'guardians'), count(*)"
                + " FROM run_change WHERE district_id = ? AND run_id = ? AND op = 'link'"
                + " AND kind IN ('students', 'staff', 'guardians', 'classrooms') GROUP BY 1")) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(1)) {
                        peopleLinked = rs.getLong(2);
                    } else {
                        classroomsLinked = rs.getLong(2);
                    }
                }
            }
        }
        long disputed;
        long guardians;
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE setting IS NULL AND candidates"
                + " IS NOT NULL), count(*) FILTER (WHERE setting = 'guardiansWithoutContact') FROM run_skip"
                + " WHERE district_id = ? AND run_id = ?")) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                disputed = rs.getLong(1);
                guardians = rs.getLong(2);
            }
        }
        return new Impact(run, peopleLinked, classroomsLinked, disputed, guardians);
    }
}
