package io.rostersync.sync.internal.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the last applied sync of a district wanted, per kind, as one compact blob each. A blob is
 * good only at the directory epoch it was written at (see V5__sync_fingerprints.sql); it is written
 * by the transaction that applies the run.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** The blob of a kind, when it was written at this epoch. */
    public static Optional<byte[]> load(Connection tx, long district, String source, String kind, long epoch)
            throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("SELECT data FROM sync_fingerprint WHERE district_id = ?"
                + " AND source = ? AND kind = ? AND epoch = ?")) {
            s.setLong(1, district);
            s.setString(2, source);
            s.setString(3, kind);
            s.setLong(4, epoch);
            // binary: a text result would send the tens of megabytes of a large district's blob as hex
            s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    public static void save(Connection tx, long district, String source, String kind, long epoch, byte[] data)
            throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("INSERT INTO sync_fingerprint (district_id, source, kind, epoch,"
                + " data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (district_id, source, kind)"
                + " DO UPDATE SET epoch = excluded.epoch, data = excluded.data, written_at = now()")) {
            s.setLong(1, district);
            s.setString(2, source);
            s.setString(3, kind);
            s.setLong(4, epoch);
            s.setBytes(5, data);
            s.executeUpdate();
        }
    }

    /** Forgets a kind's blob: the next run reconciles that kind against the directory. */
    public static void forget(Connection tx, long district, String source, String kind) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement(
                "DELETE FROM sync_fingerprint WHERE district_id = ? AND source = ? AND kind = ?")) {
            s.setLong(1, district);
            s.setString(2, source);
            s.setString(3, kind);
            s.executeUpdate();
        }
    }
}
