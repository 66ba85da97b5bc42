package io.rostersync.oneroster;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * A child's birth date is all the service reads of demographics.csv, and it keeps even that only as a
 * keyed hash (16 hex digits, the key being the installation's, bound to the district): equal dates
 * give equal keys, so two records of one child can be told from namesakes, and the date itself is
 * never stored. A kept copy of a package holds {@code bk1:} and the key in place of the date.
 */
public final class BirthDates {

    /** What a kept copy's birthDate cell starts with. */
    public static final String KEYED = "bk1:";
    private static final int KEY_DIGITS = 16;

    private BirthDates() {
    }

    /** Whether a cell holds a key (as a kept copy does) rather than a date. */
    public static boolean isKeyed(String cell) {
        if (cell == null || cell.length() != KEYED.length() + KEY_DIGITS || !cell.startsWith(KEYED)) {
            return false;
        }
        for (int i = KEYED.length(); i < cell.length(); i++) {
            if (Character.digit(cell.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The key of a birthDate cell: a date's, from {@code key}; a kept copy's, as it is; null for a
     * blank cell or anything that is not a date.
     */
    public static String keyOf(String cell, Function<LocalDate, String> key) {
        if (cell == null) {
            return null;
        }
        // trimmed as the reader trims, so that what it finds a date (or not) is what is keyed (or not)
        String trimmed = io.rostersync.oneroster.internal.Values.trim(cell);
        if (trimmed.isEmpty()) {
            return null;
        }
        if (isKeyed(trimmed)) {
            return trimmed.substring(KEYED.length()).toLowerCase(java.util.Locale.ROOT);
        }
        try {
            return key.apply(LocalDate.parse(trimmed));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** What a kept copy holds in place of a birthDate cell: its key, or nothing. */
    public static String keptCell(String cell, Function<LocalDate, String> key) {
        String k = keyOf(cell, key);
        return k == null ? "" : KEYED + k;
    }
}
