package io.rostersync.directory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One district never runs two syncs at once, across every node that shares the database: a sync
 * takes a transaction-scoped advisory lock on its district before it reads the directory, and the
 * lock goes with the transaction, whether it commits, rolls back or its process dies.
 */
public final class DistrictLock {

    /** The lock space of syncs, so that other advisory locks of the product cannot collide with it. */
    static final int SYNC_LOCK_SPACE = 0x52535359; // "RSSY"

    private DistrictLock() {
    }

    /** Takes the district's sync lock in the connection's current transaction; false if another sync holds it. */
    public static boolean tryAcquire(Connection transaction, long districtId) throws SQLException {
        if (transaction.getAutoCommit()) {
            throw new IllegalStateException("the sync lock lives in a transaction; turn auto-commit off first");
        }
        try (PreparedStatement s = transaction.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
            s.setInt(1, SYNC_LOCK_SPACE);
            s.setInt(2, Math.toIntExact(districtId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
