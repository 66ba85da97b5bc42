package io.rostersync.intake;

/** A pull from an API that stopped: nothing of it was kept. The message and the hint are for an admin. */
public final class PullFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;
    private final int status;

    PullFailedException(String message, String hint, int status) {
        super(message);
        this.hint = hint;
        this.status = status;
    }

    public String hint() {
        return hint;
    }

    /** The HTTP status that stopped it, 0 when none did. */
    public int status() {
        return status;
    }
}
