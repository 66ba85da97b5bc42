package io.rostersync.intake.internal.api;

/**
 * Why a pull from an API stopped, in words for an admin (never a stack trace), with what to do
 * about it; {@code status} is the HTTP status that said so, 0 when there was none (no answer, or an
 * answer that was not what the API documents).
 */
public final class ApiFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String hint;

    public ApiFailure(int status, String message, String hint) {
        super(message);
        this.status = status;
        this.hint = hint;
    }

    public int status() {
        return status;
    }

    public String hint() {
        return hint;
    }
}
