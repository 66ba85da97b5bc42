package io.rostersync.directory;

/** The kinds of directory records a sync counts, guards and reports, each on its own. */
public enum EntityKind {
    STUDENTS("students"),
    GUARDIANS("guardians"),
    STAFF("staff"),
    CLASSROOMS("classrooms"),
    ENROLLMENTS("enrollments"),
    SCHOOLS("schools");

    private final String label;

    EntityKind(String label) {
        this.label = label;
    }

    /** The key used in reports, e.g. {@code students}. */
    public String label() {
        return label;
    }
}
