package io.rostersync.sync.internal.correlate;

/**
 * A directory record a rule found: its id, its name as the directory has it, whether a link from this
 * source already names it (for another source record), and, if so, whether that record is still sent.
 * An active person whose record a full file no longer has (the SIS gave them a new id, or the district
 * switched sources) is not still sent; one archived or leaving counts as sent, so is never taken over.
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
