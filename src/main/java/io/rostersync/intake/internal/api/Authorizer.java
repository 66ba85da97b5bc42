package io.rostersync.intake.internal.api;

import java.net.URI;

/** How a request to an API proves who asks: a bearer token, an OAuth 2 token got with client credentials, or an OAuth 1.0a signature. */
public interface Authorizer {

    /**
     * The Authorization header of a GET of {@code uri} (the whole address, query included: a signature
     * covers it), or null for none.
     */
    String authorization(URI uri);

    /** The server said 401: forget what may have expired (a token), so that one more try gets a new one. */
    default boolean renew() {
        return false;
    }

    /** Lets go of what it holds (a token endpoint's connections). */
    default void close() {
    }
}
