package io.rostersync.sync.internal.plan;

/** One field's value before and after a change; null is "none". */
public record FieldChange(String field, String before, String after) {
}
