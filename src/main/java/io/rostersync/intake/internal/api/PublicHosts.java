package io.rostersync.intake.internal.api;

import java.net.URI;

/** An API's address must be public unless the operator allows private hosts ({@link io.rostersync.storage.PublicHosts}). */
final class PublicHosts {

    private PublicHosts() {
    }

    static void check(URI uri, boolean allowPrivate, String what) {
        String refusal = allowPrivate ? null : io.rostersync.storage.PublicHosts.refusal(uri.getHost());
        if (refusal != null) {
            throw new ApiFailure(0, refusal + " (" + what + ")", "Give the provider's public address; an operator can"
                    + " allow private addresses with --rostersync.poll.allow-private-hosts=true.");
        }
    }
}
