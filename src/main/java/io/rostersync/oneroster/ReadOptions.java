package io.rostersync.oneroster;

/**
 * How forgiving and how guarded a read is.
 *
 * @param strict          lenient warnings (Excel damage, header case, ...) become errors
 * @param maxEntries      a ZIP with more entries is refused unread
 * @param maxTotalBytes   reading stops once this many uncompressed bytes were read from a package
 * @param maxRatio        an entry that expands more than this many times its compressed size is refused
 * @param maxRecordChars  a CSV record longer than this stops the reading of its file
 * @param detailsPerCode  how many problems of one code keep their details; all are counted
 */
public record ReadOptions(boolean strict, int maxEntries, long maxTotalBytes, int maxRatio, int maxRecordChars,
        int detailsPerCode) {

    /** Large enough for a state-wide district (about 10 GB of CSV), small enough to stop a zip bomb. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 16L * 1024 * 1024 * 1024;

    public static ReadOptions defaults() {
        return new ReadOptions(false, 200, DEFAULT_MAX_TOTAL_BYTES, 100, 1024 * 1024, 100);
    }

    public ReadOptions withStrict(boolean value) {
        return new ReadOptions(value, maxEntries, maxTotalBytes, maxRatio, maxRecordChars, detailsPerCode);
    }

    public ReadOptions withDetailsPerCode(int value) {
        return new ReadOptions(strict, maxEntries, maxTotalBytes, maxRatio, maxRecordChars, value);
    }

    public ReadOptions withMaxTotalBytes(long value) {
        return new ReadOptions(strict, maxEntries, value, maxRatio, maxRecordChars, detailsPerCode);
    }
}
