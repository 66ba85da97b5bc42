package io.rostersync.oneroster;

/** A record's status: in bulk files every record is active; delta rows say which. */
public enum RecordStatus {
    ACTIVE,
    TO_BE_DELETED
}
