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
            if (isPrivate(a)) {
                return "The host " + host + " is a private or local address, which this installation does not reach.";
            }
        }
        return null;
    }

    /** Whether an address is this machine's or a private network's. */
    public static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        InetAddress inside = embeddedIpv4(b);
        if (inside != null && isPrivate(inside)) {
            return true; // an IPv6 form of an IPv4 address reaches that IPv4 address
        }
        return a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isAnyLocalAddress() || a.isMulticastAddress()
                || a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc // fc00::/7
                || a instanceof Inet6Address && (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                        && (b[3] & 0xff) == 0x9b // 64:ff9b::/96, NAT64 to any IPv4 inside
                || b.length == 4 && ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // 100.64.0.0/10 (carrier NAT, a cloud's metadata)
                        || (b[0] & 0xff) == 198 && (b[1] & 0xfe) == 18 // 198.18.0.0/15
                        || (b[0] & 0xff) == 192 && (b[1] & 0xff) == 0 && (b[2] & 0xff) == 0); // 192.0.0.0/24
    }

    /**
     * The IPv4 address an IPv6 one carries, if it is of a form that reaches it: IPv4-mapped
     * ({@code ::ffff:a.b.c.d}, which a dual-stack socket delivers to a.b.c.d), IPv4-compatible
     * ({@code ::a.b.c.d}) or 6to4 ({@code 2002:aabb:ccdd::/48}); else null.
     */
    static InetAddress embeddedIpv4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        byte[] v4 = null;
        if (zeros && ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || b[10] == 0 && b[11] == 0)) {
            v4 = java.util.Arrays.copyOfRange(b, 12, 16);
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            v4 = java.util.Arrays.copyOfRange(b, 2, 6);
        }
        if (v4 == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
