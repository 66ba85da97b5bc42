package io.rostersync.oneroster;

/**
 * One file as read: its name in the package, its mode, its data rows (the header not counted), how
 * many of them were not used because of errors, and the SHA-256 of its bytes as read (hex): two
 * drops whose files have the same digests hold the same rows in the same order.
 */
public record FileSummary(RosterFile file, String path, FileMode mode, OneRosterVersion version, long rows,
        long rejectedRows, boolean complete, String sha256) {
}
