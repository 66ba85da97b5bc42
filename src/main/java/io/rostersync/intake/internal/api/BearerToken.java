package io.rostersync.intake.internal.api;

import java.net.URI;

/** A token that does not expire (Clever's district-app token, ClassLink's OAuth2 proxy token). */
public final class BearerToken implements Authorizer {

    private final String token;

    public BearerToken(String token) {
        this.token = token;
    }

    @Override
    public String authorization(URI uri) {
        return "Bearer " + token;
    }
}
