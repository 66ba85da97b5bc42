package io.rostersync.directory;

import java.util.Locale;

/** Where a directory record stands: in use, leaving (inside the grace period), or archived. */
public enum RecordState {
    ACTIVE, PENDING_REMOVAL, ARCHIVED;

    /** The value of the {@code state} columns. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** In words for an admin: active, pending removal, archived. */
    public String label() {
        return column().replace('_', ' ');
    }

    public static RecordState ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
