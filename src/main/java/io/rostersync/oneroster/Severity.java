package io.rostersync.oneroster;

/** An error stops the affected rows (and, for structural errors, any archiving); a warning does not. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
