package io.rostersync.intake.internal.api;

import java.net.URI;
import java.net.http.HttpRequest;

/** How a request to an API proves who asks: a bearer token, an OAuth 2 token got with client credentials, or an OAuth 1.0a signature. */
public interface Authorizer {

    /** Adds the request's credentials; {@code uri} is the whole address, query included (a signature covers it). */
    void authorize(HttpRequest.Builder request, URI uri);

    /** The server said 401: forget what may have expired (a token), so that one more try gets a new one. */
    default boolean renew() {
        return false;
    }
}
