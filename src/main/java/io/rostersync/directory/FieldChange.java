package io.rostersync.directory;

/** One field's value before and after a change; null is "none". */
public record FieldChange(String field, String before, String after) {
}
