package io.rostersync.web;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, as the caller will read it: a status, a stable code, a sentence, and
 * what to do about it.
 */
final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String code;
    private final String hint;

    ApiProblem(HttpStatus status, String code, String message, String hint) {
        super(message);
        this.status = status;
        this.code = code;
        this.hint = hint;
    }

    /** Not there, or not the caller's to see: the two look the same, so ids cannot be probed. */
    static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", what + " does not exist, or is not yours to see.",
                "Check the id; you can reach only your own district (and, as a school admin, your schools).");
    }

    static ApiProblem forbidden(String action) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "district-admins-only", "Only a district admin may " + action + ".",
                "Ask a district admin of your district.");
    }

    static ApiProblem invalid(String message, String hint) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", message, hint);
    }

    /** Refuses a merge patch that names a field the resource does not have. */
    static void onlyFields(java.util.Map<String, Object> change, java.util.Set<String> fields, String resource) {
        for (String key : change.keySet()) {
            if (!fields.contains(key)) {
                throw invalid(resource + " has no field '" + key + "'.", "Use " + new java.util.TreeSet<>(fields) + ".");
            }
        }
    }

    /** A JSON number with no fraction that fits a long; anything else is refused (never wrapped or cut). */
    static long wholeNumber(Object value, String field) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        throw new IllegalArgumentException(field + " is a whole number");
    }

    static ApiProblem gone(String message, String hint) {
        return new ApiProblem(HttpStatus.GONE, "gone", message, hint);
    }

    static ApiProblem conflict(String message, String hint) {
        return new ApiProblem(HttpStatus.CONFLICT, "conflict", message, hint);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    String hint() {
        return hint;
    }
}
