package io.rostersync.oneroster;

/**
 * One file as read: its name in the package, its mode, its data rows (the header not counted) and
 * how many of them were not used because of errors.
 */
public record FileSummary(RosterFile file, String path, FileMode mode, OneRosterVersion version, long rows,
        long rejectedRows, boolean complete) {
}
