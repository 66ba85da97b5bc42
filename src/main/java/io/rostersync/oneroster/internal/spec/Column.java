package io.rostersync.oneroster.internal.spec;

import io.rostersync.oneroster.RosterFile;

/**
 * One column of a file's header. {@code name} is the header text in that version; {@code field}
 * is the name this reader uses for it in every version (1.0's {@code grade} is {@code grades}).
 */
public record Column(String name, String field, ColumnType type, Requirement requirement, Vocabulary vocabulary,
        RosterFile target) {

    public boolean required() {
        return requirement == Requirement.REQUIRED;
    }
}
