package io.rostersync.oneroster.internal.source;

import io.rostersync.oneroster.ProblemCode;
import java.io.IOException;

/** Thrown from an entry's stream when a package limit is crossed; carries the problem to report. */
public final class LimitExceededException extends IOException {

    private final ProblemCode code;

    public LimitExceededException(ProblemCode code, String message) {
        super(message);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }
}
