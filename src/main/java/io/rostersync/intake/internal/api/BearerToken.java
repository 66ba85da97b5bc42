package io.rostersync.intake.internal.api;

import java.net.URI;
import java.net.http.HttpRequest;

/** A token that does not expire (Clever's district-app token, ClassLink's OAuth2 proxy token). */
public final class BearerToken implements Authorizer {

    private final String token;

    public BearerToken(String token) {
        this.token = token;
    }

    @Override
    public void authorize(HttpRequest.Builder request, URI uri) {
        request.header("Authorization", "Bearer " + token);
    }
}
