package io.rostersync.sync.internal.engine;

/** The run could not go on; its transaction is rolled back and the run is marked failed with this message. */
public final class SyncFailure extends RuntimeException {

    public SyncFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public SyncFailure(String message) {
        super(message);
    }
}
