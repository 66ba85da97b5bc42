package io.rostersync.storage;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a host a district gave us (a roster API, an identity provider) is on the internet: one that
 * names this machine or a private network (loopback, link-local such as a cloud's metadata service,
 * site-local, fc00::/7) is refused unless the operator allows private hosts, so that a district admin
 * cannot make the service reach its own network.
 */
public final class PublicHosts {

    private PublicHosts() {
    }

    /** Why the host may not be reached, or null when it may. */
    public static String refusal(String host) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "The host " + host + " cannot be found.";
        }
        for (InetAddress a : all) {
            boolean local = a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                    || a.isAnyLocalAddress() || a.isMulticastAddress()
                    || a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
            if (local) {
                return "The host " + host + " is a private or local address, which this installation does not reach.";
            }
        }
        return null;
    }
}
