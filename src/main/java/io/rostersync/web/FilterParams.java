package io.rostersync.web;

import io.rostersync.directory.RecordState;
import java.util.Locale;

/** A directory filter's parameters as the console and the API take them: refused, with a hint, when unknown. */
final class FilterParams {

    private FilterParams() {
    }

    /** {@code synced}: the sync's records; {@code hand}: those made by hand; none: both. */
    static Boolean synced(String source) {
        return switch (source == null ? "" : source.trim()) {
            case "" -> null;
            case "synced" -> true;
            case "hand" -> false;
            default -> throw ApiProblem.invalid("There is no source '" + source + "'.",
                    "Use synced (the sync's records) or hand (made by hand).");
        };
    }

    /** A record state by its column's value (active, pending_removal, archived); none: any. */
    static RecordState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return RecordState.ofColumn(state.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("There is no state '" + state + "'.", "Pick active, pending removal or archived.");
        }
    }

    /** The value, trimmed; null when there is none. */
    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
