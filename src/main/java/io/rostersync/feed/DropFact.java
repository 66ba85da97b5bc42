package io.rostersync.feed;

import java.time.Instant;

/** What feed health needs of a drop: when it came, what became of it, its size. */
record DropFact(Instant receivedAt, String status, long bytes) {

    boolean skipped() {
        return status.equals("skipped");
    }

    boolean failed() {
        return status.equals("failed");
    }

    boolean read() {
        return status.equals("previewed") || status.equals("synced") || status.equals("failed");
    }
}
