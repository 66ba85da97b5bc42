package io.rostersync.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * COPYs sent from a second thread, so that the caller builds the next rows while the server stores
 * the last ones: a first load otherwise has Java and PostgreSQL taking turns. They go over the
 * caller's connection, inside its transaction, in the order they were handed over; pgjdbc lets one
 * statement at a time use a connection, so a statement the caller runs meanwhile waits for the COPY
 * in progress. A failure is thrown to the caller at its next hand-over, or by {@link #drain()}.
 */
public final class CopyPipeline {

    /** Buffers handed over and not yet stored: bounds the memory while the server is slower than the caller. */
    private static final int IN_FLIGHT = 4;

    private final CopyManager copy;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    /** One thread, so COPYs keep their order; it ends when idle, so an abandoned pipeline leaves none behind. */
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "rostersync-copy");
                t.setDaemon(true);
                return t;
            });
    private volatile Exception failure;

    public CopyPipeline(Connection connection) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Sends {@code length} bytes of COPY text with {@code sql}; the pipeline owns {@code bytes} from now on. */
    void send(String sql, byte[] bytes, int length) throws SQLException {
        rethrow();
        slots.acquireUninterruptibly();
        writer.execute(() -> {
            try {
                if (failure == null) {
                    copy.copyIn(sql, new ByteArrayInputStream(bytes, 0, length));
                }
            } catch (SQLException | IOException | RuntimeException e) {
                failure = e;
            } finally {
                slots.release();
            }
        });
    }

    /** Returns when everything handed over is stored; throws what failed. */
    public void drain() throws SQLException {
        slots.acquireUninterruptibly(IN_FLIGHT);
        slots.release(IN_FLIGHT);
        rethrow();
    }

    /** What failed on the pipeline's thread, if anything has, as an SQLException. */
    public Optional<SQLException> failure() {
        Exception e = failure;
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(e instanceof SQLException s ? s : new SQLException("COPY failed: "
                + e.getMessage(), e));
    }

    private void rethrow() throws SQLException {
        Optional<SQLException> e = failure();
        if (e.isPresent()) {
            throw e.get();
        }
    }
}
