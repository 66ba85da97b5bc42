package io.rostersync.intake.internal.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * An API of a district is on the internet: an address that names this machine or a private network
 * (loopback, link-local such as a cloud's metadata service, site-local, fc00::/7) is refused unless
 * the operator allows private hosts, so that a district admin cannot make the service reach its own
 * network. Redirects are not followed (ApiHttp), so a public host cannot send a request inside.
 */
public final class PublicHosts {

    private PublicHosts() {
    }

    public static void check(URI uri, boolean allowPrivate, String what) {
        if (allowPrivate) {
            return;
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new ApiFailure(0, "The host " + uri.getHost() + " of " + what + " cannot be found.",
                    "Check the address the provider gave.");
        }
        for (InetAddress a : all) {
            boolean local = a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                    || a.isAnyLocalAddress() || a.isMulticastAddress()
                    || a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
            if (local) {
                throw new ApiFailure(0, "The host " + uri.getHost() + " of " + what + " is a private or local address,"
                        + " which this installation does not reach.", "Give the provider's public address; an operator"
                                + " can allow private addresses with --rostersync.poll.allow-private-hosts=true.");
            }
        }
    }
}
