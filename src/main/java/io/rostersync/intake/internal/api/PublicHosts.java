package io.rostersync.intake.internal.api;

import java.net.URI;

/** An API's address must be public unless the operator allows private hosts (see {@link io.rostersync.storage.PublicHosts}). */
public final class PublicHosts {

    private PublicHosts() {
    }

    public static void check(URI uri, boolean allowPrivate, String what) {
        if (allowPrivate) {
            return;
        }
        String refusal = io.rostersync.storage.PublicHosts.refusal(uri.getHost());
        if (refusal != null) {
            throw new ApiFailure(0, refusal.replace("The host " + uri.getHost(), "The host " + uri.getHost() + " of "
                    + what), "Give the provider's public address; an operator can allow private addresses with"
                            + " --rostersync.poll.allow-private-hosts=true.");
        }
    }
}
