package io.rostersync.oneroster;

/**
 * How a file's rows are to be applied. A bulk file is the whole truth for its type (records not in
 * it have left); a delta file carries only changes (records not in it are untouched).
 */
public enum FileMode {
    BULK("bulk"),
    DELTA("delta"),
    ABSENT("absent");

    private final String label;

    FileMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
