package io.rostersync.directory;

import io.rostersync.directory.internal.DistrictLock;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Opens the transactions in which a district's directory is read and changed. A sync's transaction
 * holds the district's lock, so one district never runs two syncs (or a sync and an undo) at once,
 * across every node that shares the database.
 */
public final class DirectoryStore {

    private final DataSource dataSource;

    public DirectoryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A transaction on the district with its sync lock taken.
     *
     * @throws DistrictBusyException when another sync or undo of the district is running
     */
    public DirectoryTransaction begin(long districtId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            if (!DistrictLock.tryAcquire(connection, districtId)) {
                connection.rollback();
                throw new DistrictBusyException(districtId);
            }
            return new DirectoryTransaction(connection, districtId);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Records a write to the district's directory outside a sync (see {@link DirectoryTransaction#epoch()}). */
    public void touch(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            touch(c, districtId);
        }
    }

    /** {@link #touch(long)}, for callers that cannot handle a checked exception (tests, scripts). */
    public void touchQuietly(long districtId) {
        try {
            touch(districtId);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static void touch(Connection c, long districtId) throws SQLException {
        try (var s = c.prepareStatement("UPDATE district SET directory_epoch = directory_epoch + 1,"
                + " directory_changed_at = now() WHERE id = ?")) {
            s.setLong(1, districtId);
            s.executeUpdate();
        }
    }

    /** Another sync or undo of the district holds its lock. */
    public static final class DistrictBusyException extends RuntimeException {

        public DistrictBusyException(long districtId) {
            super("another sync of this district is running; try again when it has finished (district " + districtId
                    + ")");
        }
    }
}
