package io.rostersync.directory.internal;

import io.rostersync.directory.EntityKind;

/** The table a kind's records live in (also the kind of their source links). */
public final class Tables {

    private Tables() {
    }

    public static String of(EntityKind kind) {
        return switch (kind) {
            case STUDENTS, STAFF, GUARDIANS -> "person";
            case CLASSROOMS -> "classroom";
            case SCHOOLS -> "school";
            case ENROLLMENTS -> throw new IllegalArgumentException("enrollments are memberships, not records of their own");
        };
    }
}
