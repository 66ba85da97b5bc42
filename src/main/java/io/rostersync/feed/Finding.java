package io.rostersync.feed;

import java.time.Instant;

/** Something wrong with a district's feed: what, since when, and what to do about it. */
public record Finding(Kind kind, Instant since, String message, String hint) {

    /** The kinds of trouble a feed has. */
    public enum Kind {
        /** No file for days: the SIS's export job or its login broke. */
        QUIET,
        /** The same bytes, day after day: the SIS sends an old export. */
        SAME_FILE,
        /** Much smaller than the file before: a partial export, a school left out. */
        SHRANK,
        /** Files in a row that could not be used. */
        FAILING
    }
}
