package io.rostersync.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP to a host a district gave us (its roster API, a token endpoint, its identity provider): one
 * client for all of them, and one way of reading what they answer.
 */
public final class ProviderHttp {

    private ProviderHttp() {
    }

    /**
     * A client whose connections go only to the addresses their own lookup checked ({@link CheckedDns}),
     * that follows no redirect (one could lead a request from a public host into a private network),
     * retries nothing (the caller decides), keeps no cookie and never unzips (a small gzip must not
     * become gigabytes in memory). Its pool is wide: many districts may sign in through one provider.
     *
     * @param read how long a silence between bytes may last, and the wait for an answer
     */
    public static CloseableHttpClient client(BooleanSupplier allowPrivateHosts, Duration connect, Duration read) {
        return HttpClients.custom().disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .disableContentCompression()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedDns(allowPrivateHosts))
                        .setMaxConnPerRoute(100).setMaxConnTotal(400)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connect)).setSocketTimeout(Timeout.of(read)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(10))
                        .setResponseTimeout(Timeout.of(read)).build())
                .build();
    }

    /** An answer larger than the caller allows: not read on. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int max) {
            super("the answer is larger than " + (max % (1024 * 1024) == 0 ? max / (1024 * 1024) + " MB"
                    : max / 1024 + " KB"));
        }
    }

    /**
     * The answer's body, at most {@code max} bytes. Past that the request is cancelled, so the rest is not
     * read (closing the stream would read it to its end, for a body that may never end).
     */
    public static byte[] body(ClassicHttpResponse answer, int max, Cancellable request) throws IOException {
        if (answer.getEntity() == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = answer.getEntity().getContent()) {
            byte[] chunk = new byte[64 * 1024];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (out.size() + n > max) {
                    request.cancel();
                    throw new TooLargeException(max);
                }
                out.write(chunk, 0, n);
            }
        }
        return out.toByteArray();
    }
}
