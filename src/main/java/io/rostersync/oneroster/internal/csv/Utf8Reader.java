package io.rostersync.oneroster.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8, putting U+FFFD where bytes are not UTF-8 and counting them, so that the rows
 * holding them can be reported at their lines instead of failing the whole file.
 */
final class Utf8Reader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    private boolean eof;
    private boolean flushed;
    private volatile long malformed;
    private int pendingReplacement;

    Utf8Reader(InputStream in, byte[] prefix, int prefixLength) {
        this.in = in;
        bytes.put(prefix, 0, prefixLength);
        bytes.flip();
    }

    /** How many invalid byte sequences were met so far. */
    long malformed() {
        return malformed;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (flushed) {
                return out.position() == off ? -1 : out.position() - off;
            }
            if (pendingReplacement > 0) {
                out.put('\uFFFD');
                pendingReplacement--;
                continue;
            }
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                malformed++;
                bytes.position(bytes.position() + result.length());
                pendingReplacement++;
                continue;
            }
            if (result.isUnderflow()) {
                if (eof) {
                    if (!flushed) {
                        flushed = true;
                        decoder.flush(out);
                        if (bytes.hasRemaining()) {
                            // a truncated sequence at the very end
                            malformed++;
                            bytes.position(bytes.limit());
                            out.put('\uFFFD');
                        }
                    }
                    continue;
                }
                fill();
            } else if (result.isOverflow()) {
                break;
            }
        }
        return out.position() - off;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
