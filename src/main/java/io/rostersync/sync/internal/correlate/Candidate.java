package io.rostersync.sync.internal.correlate;

/**
 * A directory record a rule found: its id, its name as the directory has it, whether a link from this
 * source already names it (for another source record), and, if so, whether that record is still sent
 * (a full file that no longer has it: the SIS gave it a new id, or the district switched sources).
 */
public record Candidate(long localId, String givenName, String familyName, boolean linked, boolean linkStillSent) {

    /** A candidate whose links, if it has any, are still sent. */
    public Candidate(long localId, String givenName, String familyName, boolean linked) {
        this(localId, givenName, familyName, linked, linked);
    }

    /** A school or classroom: a name, no given name. */
    public static Candidate named(long localId, String name, boolean linked) {
        return new Candidate(localId, null, name, linked);
    }
}
