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

    public static EntityKind ofLabel(String label) {
        for (EntityKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no kind " + label);
    }

    /** Whether records of this kind are people (and live in the person table). */
    public boolean people() {
        return this == STUDENTS || this == STAFF || this == GUARDIANS;
    }
}
