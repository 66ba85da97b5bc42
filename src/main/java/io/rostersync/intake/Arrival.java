package io.rostersync.intake;

import java.time.Duration;

/**
 * When a district's files make a complete drop, and how long its kept drops stay.
 *
 * @param stableFor  how long the files must be unchanged under {@link Completeness#STABLE} (and the
 *                   loose files under {@link Completeness#RENAMED_ZIP}); null: the installation's default
 * @param markerFile the file whose arrival says the drop is complete, under {@link Completeness#MARKER}
 * @param keepDays   days a drop's kept (cleaned) copy stays; the district's latest read drop always stays
 */
public record Arrival(Completeness completeness, Duration stableFor, String markerFile, int keepDays) {

    public static final Arrival DEFAULT = new Arrival(Completeness.STABLE, null, "ready.txt", 90);

    /** How a drop is known to be complete. */
    public enum Completeness {
        /** Every file unchanged for a while, none under a temporary name nor still open. */
        STABLE,
        /**
         * A ZIP under its final name is complete at once: the uploader wrote it under a temporary
         * name and renamed it when done. Loose files are taken as under STABLE.
         */
        RENAMED_ZIP,
        /** Complete when the marker file arrives; the marker is consumed, never synced. */
        MARKER
    }

    public Arrival {
        if (markerFile == null || !markerFile.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("a marker file is a plain file name (letters, digits, '.', '_', '-'),"
                    + " such as ready.txt");
        }
        if (keepDays < 1 || keepDays > 3650) {
            throw new IllegalArgumentException("drops are kept 1 to 3650 days");
        }
        if (stableFor != null && (stableFor.isNegative() || stableFor.compareTo(Duration.ofDays(1)) > 0)) {
            throw new IllegalArgumentException("files are waited for 0 seconds to a day");
        }
    }

    /** How long this district's files must be unchanged, given the installation's default. */
    public Duration stableFor(Duration installationDefault) {
        return stableFor == null ? installationDefault : stableFor;
    }
}
