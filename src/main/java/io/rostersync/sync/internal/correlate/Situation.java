package io.rostersync.sync.internal.correlate;

/** Where a source record stands against the directory. */
public enum Situation {
    /** A source link names its directory record. */
    LINKED,
    /** It matches one directory record, by a rule the district uses, that no link names yet. */
    UNLINKED,
    /** Nothing in the directory is this record. */
    UNMATCHED,
    /** Several candidates, or one that matches only weakly: never linked without an admin. */
    DISPUTED
}
