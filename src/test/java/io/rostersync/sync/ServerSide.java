package io.rostersync.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** What the crash tests ask the PostgreSQL server about the backends of the processes they kill. */
final class ServerSide {

    /** {@code DistrictLock.SYNC_LOCK_SPACE}: the first key of a district's sync lock ("RSSY"). */
    private static final long SYNC_LOCK_SPACE = 0x52535359;

    private ServerSide() {
    }

    /** The backends that hold the district's sync lock (a transaction-scoped advisory lock on two int keys). */
    /**
     * Waits for the child to reach the apply, checks that it holds the district's lock (and, unless
     * it went on into the apply, that it waits inside its open transaction), and kills it.
     */
    static void killAtApply(ChildJvm child, DataSource dataSource, long districtId, boolean intoTheApply, String test)
            throws Exception {
        child.await(CrashChild.APPLY);
        List<Integer> holder = lockHolders(dataSource, districtId);
        org.assertj.core.api.Assertions.assertThat(holder).as("the child holds the district's lock when it is killed")
                .hasSize(1);
        String backend = backend(dataSource, holder.get(0));
        if (!intoTheApply) {
            org.assertj.core.api.Assertions.assertThat(backend).as("the child's backend")
                    .startsWith("state=idle in transaction,");
        }
        child.kill();
        System.out.println("[" + test + "] the child's backend just before the kill: " + backend + "; just after it: "
                + backend(dataSource, holder.get(0)));
    }

    static List<Integer> lockHolders(DataSource dataSource, long districtId) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = ?"
                        + " AND objid::bigint = ? AND objsubid = 2")) {
            s.setLong(1, SYNC_LOCK_SPACE);
            s.setLong(2, districtId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        return pids;
    }

    /** What a backend is doing, in one line (for the test's output), or "gone". */
    static String backend(DataSource dataSource, int pid) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT state, wait_event_type, wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 100)"
                        + " FROM pg_stat_activity WHERE pid = ?")) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return "gone";
                }
                return "state=" + rs.getString(1) + ", waiting for " + rs.getString(2) + "/" + rs.getString(3)
                        + ", last statement: " + rs.getString(4);
            }
        }
    }

    /**
     * Waits until no backend holds the district's sync lock. A killed client's backend lets go of its
     * transaction when the server notices the connection is gone: at once when the backend waits for
     * the client, after the statement it is running otherwise. Polls; fails after a generous while.
     */
    static void awaitLockReleased(DataSource dataSource, long districtId) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildJvm.PATIENCE_SECONDS);
        List<Integer> holders = lockHolders(dataSource, districtId);
        while (!holders.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the killed process's backend still holds the district's sync lock after "
                        + ChildJvm.PATIENCE_SECONDS + " s: " + holders);
            }
            Thread.sleep(50);
            holders = lockHolders(dataSource, districtId);
        }
    }

    /** The journal rows (changes, skips, reader problems) a run left. */
    static long journalRows(DataSource dataSource, long districtId, long runId) throws SQLException {
        long rows = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("run_change", "run_skip", "run_problem")) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE district_id = ? AND run_id = ?")) {
                    s.setLong(1, districtId);
                    s.setLong(2, runId);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        rows += rs.getLong(1);
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Opens a transaction that holds a run's row with FOR NO KEY UPDATE: a run that writes that row
     * (a sync's outcome, an undo marking the run it reverted) waits for it, after its apply and before
     * its commit, while the rows that only refer to it (its journal) can still be written. The caller
     * rolls the returned connection back and closes it to let go.
     */
    static Connection holdRunRow(DataSource dataSource, long districtId, long runId) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM sync_run WHERE district_id = ? AND id = ? FOR NO KEY UPDATE")) {
                s.setLong(1, districtId);
                s.setLong(2, runId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no run " + runId);
                    }
                }
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
