package io.rostersync.sync;

/** How a run ended; the report's {@code status}. */
public enum RunStatus {
    /** Applied, and the files had no problem worth a warning. */
    APPLIED("applied"),
    /** Applied; the files had warnings, or some records were skipped. */
    APPLIED_WITH_WARNINGS("applied_with_warnings"),
    /** Archives wait for an admin (creates and updates may have been applied, as the district set). */
    HELD("held"),
    /** Not applied: the files could not be used at all. */
    REJECTED("rejected"),
    /** Not applied: the service failed; nothing changed (the run was one transaction). */
    FAILED("failed"),
    /** A dry run: what would change, nothing changed. */
    PREVIEW("preview"),
    /** A held run whose archives a newer drop replaced. */
    SUPERSEDED("superseded"),

    /** The run is still going (or its process died: the next run of the district marks it failed). */
    RUNNING("running");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RunStatus ofLabel(String label) {
        for (RunStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no run status " + label);
    }
}
