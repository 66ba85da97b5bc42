package io.rostersync.generator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered UTF-8 encoder. One private-use character, {@link #RAW_E9}, is written as the single
 * byte 0xE9 (Latin-1 é), so that --messy can put a byte that is not UTF-8 into a file.
 */
public final class Utf8Writer extends Writer {

    public static final char RAW_E9 = '\uF8E9';

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private char pendingHigh;

    public Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (pos > buf.length - 4) {
                drain();
            }
            char c = cbuf[i];
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (c == RAW_E9) {
                buf[pos++] = (byte) 0xE9;
            } else if (Character.isHighSurrogate(c)) {
                pendingHigh = c;
            } else if (Character.isLowSurrogate(c) && pendingHigh != 0) {
                int cp = Character.toCodePoint(pendingHigh, c);
                pendingHigh = 0;
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && pos < buf.length) {
                buf[pos++] = (byte) c;
            } else {
                write(new char[] {c}, 0, 1);
            }
        }
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    /** Raw bytes, e.g. a byte order mark. */
    public void writeBytes(byte[] bytes) throws IOException {
        drain();
        out.write(bytes);
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        drain();
        out.close();
    }
}
