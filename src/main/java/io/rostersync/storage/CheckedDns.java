package io.rostersync.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Name resolution for calls to a host a district gave us (a roster API, an identity provider): the
 * addresses a name resolves to are checked ({@link PublicHosts}) in the very lookup the connection
 * uses, so a name that answers a public address to a check and a private one a moment later (DNS
 * rebinding) never leads a connection into this machine or its network.
 */
public final class CheckedDns implements DnsResolver {

    /** A host refused: it resolves to a private or local address. */
    public static final class PrivateHostException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        PrivateHostException(String host) {
            super("The host " + host + " is a private or local address, which this installation does not reach.");
        }
    }

    private final java.util.function.BooleanSupplier allowPrivate;

    /** @param allowPrivate whether private and local addresses may be reached (the operator's choice; tests) */
    public CheckedDns(java.util.function.BooleanSupplier allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(host);
        if (!allowPrivate.getAsBoolean()) {
            for (InetAddress a : all) {
                if (PublicHosts.isPrivate(a)) {
                    throw new PrivateHostException(host);
                }
            }
        }
        return all;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
