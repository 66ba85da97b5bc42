package io.rostersync.oneroster.internal.source;

import io.rostersync.oneroster.ProblemCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Counts what an entry yields and stops it when the package's byte budget runs out or when the
 * entry expands more than a ratio of the compressed bytes read so far: that is how a zip bomb is
 * refused early, whatever its headers claim.
 */
final class LimitedInputStream extends FilterInputStream {

    /** Small entries may compress far better than CSV usually does; the ratio applies beyond this. */
    private static final long RATIO_GRACE_BYTES = 4L * 1024 * 1024;

    private final ByteBudget budget;
    private final InputStreamStatistics statistics;
    private final int maxRatio;
    private final String name;
    private long yielded;

    LimitedInputStream(InputStream in, ByteBudget budget, InputStreamStatistics statistics, int maxRatio, String name) {
        super(in);
        this.budget = budget;
        this.statistics = statistics;
        this.maxRatio = maxRatio;
        this.name = name;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            account(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            account(skipped);
        }
        return skipped;
    }

    private void account(long n) throws IOException {
        yielded += n;
        if (!budget.charge(n)) {
            throw new LimitExceededException(ProblemCode.ZIP_TOO_LARGE,
                    "The package yielded more than " + budget.limit() + " bytes; reading stopped in " + name + ".");
        }
        if (statistics != null && yielded > RATIO_GRACE_BYTES) {
            long compressed = Math.max(1, statistics.getCompressedCount());
            if (yielded / compressed > maxRatio) {
                throw new LimitExceededException(ProblemCode.ZIP_COMPRESSION_RATIO,
                        name + " expands more than " + maxRatio + " times its compressed size; it was refused.");
            }
        }
    }
}
