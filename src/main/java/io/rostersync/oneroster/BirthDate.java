package io.rostersync.oneroster;

/**
 * A demographics.csv row as the directory reads it: whose birth date it is, and the cell as sent (a
 * date) or as a kept copy holds it (a key); {@link BirthDates#keyOf} turns either into the key.
 */
public record BirthDate(String userSourcedId, RecordStatus status, String cell) {
}
