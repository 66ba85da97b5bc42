package io.rostersync.intake.internal.api;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import io.rostersync.storage.CheckedDns;
import io.rostersync.storage.ProviderHttp;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GETs JSON from an API, and waits out what a busy server says: a 429 or a 502/503/504 (or a broken
 * connection) is tried again, after the {@code Retry-After} the server gives (seconds or a date, at
 * most {@link #LONGEST_WAIT}), else after a backoff that doubles with some jitter; the same request
 * again, so a paged read resumes where it stopped. A 401 renews the credentials once. Anything else
 * that is not a 2xx is an {@link ApiFailure} in words, with the server's own description when it sent
 * one (a OneRoster {@code imsx_description}, a Clever {@code message}).
 */
public final class ApiHttp implements AutoCloseable {

    /** How a wait is done: the tests' does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final Duration LONGEST_WAIT = Duration.ofMinutes(2);
    /** Tries of one request when the server is busy or does not answer. */
    public static final int ATTEMPTS = 6;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CloseableHttpClient client;
    private final Authorizer authorizer;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int attempts;
    private boolean allowPrivateHosts;
    private long requests;
    private long waits;

    public ApiHttp(Authorizer authorizer, Sleeper sleeper, Clock clock) {
        this(authorizer, sleeper, clock, ATTEMPTS);
    }

    /** @param attempts tries of one request (a connection test tries once: an admin waits for it) */
    public ApiHttp(Authorizer authorizer, Sleeper sleeper, Clock clock, int attempts) {
        this.attempts = attempts;
        this.client = client(() -> allowPrivateHosts);
        this.authorizer = authorizer;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The client of every call to a provider (the API, its token endpoint): {@link ProviderHttp#client}. */
    static CloseableHttpClient client(java.util.function.BooleanSupplier allowPrivateHosts) {
        return ProviderHttp.client(allowPrivateHosts, Duration.ofSeconds(20), Duration.ofMinutes(2));
    }

    /** What the server answered: its status, headers (first value of each, by lower-case name) and body. */
    public record Reply(int statusCode, Map<String, String> headers, byte[] body) {

        static Reply of(org.apache.hc.core5.http.ClassicHttpResponse response,
                org.apache.hc.core5.concurrent.Cancellable request) throws IOException {
            Map<String, String> headers = new java.util.HashMap<>();
            for (Header h : response.getHeaders()) {
                headers.putIfAbsent(h.getName().toLowerCase(java.util.Locale.ROOT), h.getValue());
            }
            return new Reply(response.getCode(), Map.copyOf(headers),
                    ProviderHttp.body(response, MAX_ANSWER_BYTES, request));
        }

        /** A page of 10,000 records is a few megabytes; anything past this is not one. */
        static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

        public java.util.Optional<String> header(String name) {
            return java.util.Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** What a GET gave: its JSON, and the headers paging needs. */
    public record Answer(JsonNode body, Reply response) {

        /** A header as a number, or -1 when absent or not one. */
        public long number(String header) {
            return response.header(header).map(v -> {
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    return -1L;
                }
            }).orElse(-1L);
        }

        /** When the server answered, by its own clock (its {@code Date} header), if it said. */
        public java.util.Optional<Instant> date() {
            return response.header("Date").flatMap(v -> {
                try {
                    return java.util.Optional.of(ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant());
                } catch (DateTimeParseException e) {
                    return java.util.Optional.empty();
                }
            });
        }
    }

    /** Lets requests go to private and local addresses (a provider's test server; the tests' stubs). */
    public ApiHttp allowingPrivateHosts(boolean allow) {
        this.allowPrivateHosts = allow;
        return this;
    }

    /** How many requests were sent, retries included. */
    public long requests() {
        return requests;
    }

    /** How many times a busy server was waited for. */
    public long waits() {
        return waits;
    }

    /** Lets go of the connections kept for the next request. */
    @Override
    public void close() {
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
        authorizer.close();
    }

    public Answer get(URI uri, String what) {
        boolean renewed = false;
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            HttpGet request = new HttpGet(uri);
            request.setHeader("Accept", "application/json");
            String authorization = authorizer.authorization(uri);
            if (authorization != null) {
                request.setHeader("Authorization", authorization);
            }
            Reply response;
            try {
                requests++;
                response = client.execute(request, answer -> Reply.of(answer, request));
            } catch (CheckedDns.PrivateHostException e) {
                // checked in the lookup the connection uses: a name that answers otherwise later is looked up again
                throw new ApiFailure(0, e.getMessage() + " (" + what + ")", "Give the provider's public address; an"
                        + " operator can allow private addresses with --rostersync.poll.allow-private-hosts=true.");
            } catch (java.net.UnknownHostException e) {
                throw new ApiFailure(0, "The host " + uri.getHost() + " cannot be found (" + what + ").",
                        "Check the address; nothing was changed.");
            } catch (ProviderHttp.TooLargeException e) {
                throw new ApiFailure(0, "The server's answer for " + what + " is too large: " + e.getMessage() + ".",
                        "Ask for smaller pages (pageSize); nothing was changed.");
            } catch (java.util.concurrent.CancellationException e) {
                // the pool's way of saying the thread was interrupted (the service stopping)
                throw new ApiFailure(0, "The pull was stopped while it read " + what + ".", "Nothing was changed.");
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ApiFailure(0, "The pull was stopped while it read " + what + ".", "Nothing was changed.");
                }
                if (attempt >= attempts) {
                    throw new ApiFailure(0, "The server did not answer the request for " + what + " ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + ")" + (attempts == 1 ? "." : ", " + attempts + " times."), "Check the address, and that the server is up; nothing was"
                                    + " changed, and the next pull starts again.");
                }
                backoff = waitFor(backoff, (Duration) null);
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 3) {
                throw new ApiFailure(status, "The server sent the request for " + what + " elsewhere (HTTP " + status
                        + response.header("Location").map(l -> ", to " + l).orElse("") + ").",
                        "Give the address it sends to: redirects are not followed.");
            }
            if (status / 100 == 2) {
                try {
                    return new Answer(JSON.readTree(response.body()), response);
                } catch (JacksonException e) {
                    throw new ApiFailure(status, "The server's answer for " + what + " is not JSON.",
                            "Check that the address is the API's (it may be a login or error page); nothing was"
                                    + " changed.");
                }
            }
            if (status == 401 && !renewed && authorizer.renew()) {
                renewed = true;
                continue;
            }
            boolean busy = status == 429 || status == 502 || status == 503 || status == 504;
            if (busy && attempt < attempts) {
                Duration asked = retryAfter(response.header("Retry-After").orElse(null));
                if (asked == null) {
                    asked = rateLimitReset(response.header("X-RateLimit-Reset").orElse(null));
                }
                backoff = waitFor(backoff, asked);
                continue;
            }
            throw refused(status, response.body(), what, busy, attempts);
        }
    }

    /** Waits as the server asks, or as the backoff says; returns the next backoff. */
    private Duration waitFor(Duration backoff, Duration asked) {
        Duration wait = asked;
        if (wait == null) {
            long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, backoff.toMillis() / 4));
            wait = backoff.plusMillis(jitter);
        }
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        waits++;
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure(0, "The pull was stopped while it waited for a busy server.", "Nothing was changed.");
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : next;
    }

    /**
     * Clever's X-RateLimit-Reset: when the window starts again, in Unix seconds (several buckets comma
     * separated: the latest); null when absent or unreadable.
     */
    Duration rateLimitReset(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long latest = -1;
        for (String part : value.split(",")) {
            try {
                latest = Math.max(latest, Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(latest));
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static ApiFailure refused(int status, byte[] body, String what, boolean busy, int attempts) {
        String said = description(body);
        String message = "The server refused the request for " + what + " (HTTP " + status + ")"
                + (said == null ? "." : ": " + said);
        String hint = switch (status) {
            case 401 -> "Check the client id and secret (or the token): the server does not accept them.";
            case 403 -> "The credentials are valid, but the application may not read " + what
                    + ": ask the district to share it with us.";
            case 404 -> "Check the address: a OneRoster 1.1 API ends in /ims/oneroster/v1p1, a 1.2 one in"
                    + " /ims/oneroster/rostering/v1p2.";
            default -> busy ? "The server stayed busy through " + attempts + " tries; the next pull starts again."
                    : "Nothing was changed; the next pull tries again. If it keeps failing, the server's operator"
                            + " can look up the request.";
        };
        return new ApiFailure(status, message, hint);
    }

    /** What the server said went wrong, from a OneRoster status payload (1.1 or 1.2) or a plain message. */
    static String description(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
        if (json == null || !json.isObject()) {
            return null;
        }
        JsonNode status = json.path("statusInfoSet").path(0);
        if (status.isMissingNode()) {
            status = json.has("imsx_StatusInfo") ? json.path("imsx_StatusInfo") : json;
        }
        String description = text(status.path("imsx_description"));
        if (description == null) {
            JsonNode minor = status.path("imsx_CodeMinor").path("imsx_codeMinorField").path(0)
                    .path("imsx_codeMinorFieldValue");
            description = text(minor);
        }
        if (description == null) {
            description = text(json.path("message"));
        }
        if (description == null) {
            description = text(json.path("error_description"));
        }
        if (description == null) {
            description = text(json.path("error"));
        }
        return description == null ? null : description.length() > 300 ? description.substring(0, 300) + "…"
                : description;
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? node.stringValue().strip() : null;
    }
}
