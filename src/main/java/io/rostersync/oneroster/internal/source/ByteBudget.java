package io.rostersync.oneroster.internal.source;

/** The uncompressed bytes a package may still yield, shared by all its entries and all passes. */
final class ByteBudget {

    private final long limit;
    private long used;

    ByteBudget(long limit) {
        this.limit = limit;
    }

    /** Charges n bytes; false once the package has yielded more than its limit. */
    synchronized boolean charge(long n) {
        used += n;
        return used <= limit;
    }

    long limit() {
        return limit;
    }
}
