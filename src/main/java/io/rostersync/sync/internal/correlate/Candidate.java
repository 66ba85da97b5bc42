package io.rostersync.sync.internal.correlate;

/**
 * A directory record a rule found: its id, its name as the directory has it, and whether a link
 * from this source already names it (for another source record).
 */
public record Candidate(long localId, String givenName, String familyName, boolean linked) {

    /** A school or classroom: a name, no given name. */
    public static Candidate named(long localId, String name, boolean linked) {
        return new Candidate(localId, null, name, linked);
    }
}
