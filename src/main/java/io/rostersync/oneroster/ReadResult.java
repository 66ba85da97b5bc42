package io.rostersync.oneroster;

/** The outcome of reading a package: the snapshot to sync from, and what was found on the way. */
public record ReadResult(RosterSnapshot snapshot, ValidationReport report) {
}
