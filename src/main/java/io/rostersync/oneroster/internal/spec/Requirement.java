package io.rostersync.oneroster.internal.spec;

public enum Requirement {
    REQUIRED,
    /** Filled in delta rows, blank in bulk rows (status, dateLastModified). */
    DELTA_ONLY,
    OPTIONAL
}
