package io.rostersync.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows for one table, sent with {@code COPY ... FROM STDIN} a megabyte at a time. Set-based writes
 * go through these: a connection runs one COPY at a time, so each table buffers its own rows and
 * flushes them in one short COPY, and several tables can be filled side by side.
 */
public final class CopyBuffer {

    private static final int FLUSH_AT = 1 << 20;

    private final CopyManager copy;
    private final String sql;
    private byte[] bytes = new byte[FLUSH_AT + (FLUSH_AT >> 2)];
    private int length;
    private boolean rowStarted;
    private long rows;
    private final boolean autoFlush;

    /**
     * @param columns the table and its columns as COPY names them, e.g. {@code stage_person (id, name)}
     */
    public CopyBuffer(Connection connection, String columns) throws SQLException {
        this(connection, columns, true);
    }

    /**
     * @param autoFlush send the buffer when it is full; without, the owner checks {@link #full()} and
     *                  flushes (e.g. several tables in the order their foreign keys need)
     */
    public CopyBuffer(Connection connection, String columns, boolean autoFlush) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.sql = "COPY " + columns + " FROM STDIN (FORMAT text)";
        this.autoFlush = autoFlush;
    }

    /** Whether the buffer holds a megabyte or more. */
    public boolean full() {
        return length >= FLUSH_AT;
    }

    public CopyBuffer add(String value) {
        separate();
        if (value == null) {
            raw("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> raw("\\\\");
                case '\t' -> raw("\\t");
                case '\n' -> raw("\\n");
                case '\r' -> raw("\\r");
                default -> {
                    if (c < 0x80) {
                        ensure(1);
                        bytes[length++] = (byte) c;
                    } else {
                        int end = i + 1;
                        while (end < value.length() && value.charAt(end) >= 0x80) {
                            end++;
                        }
                        byte[] encoded = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
                        ensure(encoded.length);
                        System.arraycopy(encoded, 0, bytes, length, encoded.length);
                        length += encoded.length;
                        i = end - 1;
                    }
                }
            }
        }
        return this;
    }

    public CopyBuffer add(long value) {
        separate();
        raw(Long.toString(value));
        return this;
    }

    public CopyBuffer add(Long value) {
        return value == null ? add((String) null) : add(value.longValue());
    }

    public CopyBuffer add(Integer value) {
        return value == null ? add((String) null) : add(value.longValue());
    }

    public CopyBuffer add(Boolean value) {
        return add(value == null ? null : value ? "t" : "f");
    }

    public CopyBuffer add(Instant value) {
        return add(value == null ? null : value.toString());
    }

    public CopyBuffer add(LocalDate value) {
        return add(value == null ? null : value.toString());
    }

    /** Ends the current row, and sends the buffer when it is full. */
    public void endRow() throws SQLException {
        ensure(1);
        bytes[length++] = '\n';
        rowStarted = false;
        rows++;
        if (autoFlush && length >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends what is buffered. */
    public void flush() throws SQLException {
        if (length == 0) {
            return;
        }
        try {
            copy.copyIn(sql, new ByteArrayInputStream(bytes, 0, length));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
        length = 0;
    }

    /** Hands what is buffered to {@code pipeline}, which sends it while this buffer takes the next rows. */
    public void flushTo(CopyPipeline pipeline) throws SQLException {
        if (length == 0) {
            return;
        }
        pipeline.send(sql, bytes, length);
        bytes = new byte[FLUSH_AT + (FLUSH_AT >> 2)];
        length = 0;
    }

    /** Rows added so far. */
    public long rows() {
        return rows;
    }

    private void separate() {
        if (rowStarted) {
            ensure(1);
            bytes[length++] = '\t';
        }
        rowStarted = true;
    }

    private void raw(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
