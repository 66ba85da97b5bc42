package io.rostersync.intake.internal.api;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-legged OAuth 1.0a (RFC 5849), as ClassLink's Roster Server wants it: no token, HMAC-SHA256 over
 * the method, the address without its query, and every query and {@code oauth_} parameter sorted by
 * name, each encoded the strict RFC 3986 way (a filter's quotes become {@code %27}); the key is the
 * encoded secret and an ampersand. {@code oauth_version} is left out, as ClassLink's own libraries
 * do (it is optional).
 */
public final class OAuth1Signer implements Authorizer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NONCE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String consumerKey;
    private final String secret;
    private final String method;
    private final Clock clock;

    /** @param method HMAC-SHA256 (ClassLink) or HMAC-SHA1 (RFC 5849's own examples, and some older servers) */
    public OAuth1Signer(String consumerKey, String secret, String method, Clock clock) {
        if (!method.equals("HMAC-SHA256") && !method.equals("HMAC-SHA1")) {
            throw new IllegalArgumentException("an OAuth 1.0a signature is HMAC-SHA256 or HMAC-SHA1, not " + method);
        }
        this.consumerKey = consumerKey;
        this.secret = secret;
        this.method = method;
        this.clock = clock;
    }

    @Override
    public String authorization(URI uri) {
        return header(uri, Long.toString(clock.instant().getEpochSecond()), nonce(), Map.of());
    }

    /**
     * The Authorization header for a GET of {@code uri}, with this timestamp and nonce; {@code extra}
     * are further {@code oauth_} parameters (a token, a version), for tests against published vectors.
     */
    String header(URI uri, String timestamp, String nonce, Map<String, String> extra) {
        Map<String, String> oauth = new TreeMap<>(extra);
        oauth.put("oauth_consumer_key", consumerKey);
        oauth.put("oauth_nonce", nonce);
        oauth.put("oauth_signature_method", method);
        oauth.put("oauth_timestamp", timestamp);
        String signature = signature("GET", uri, oauth, secret, "");
        List<String> parts = new ArrayList<>();
        oauth.forEach((name, value) -> parts.add(encode(name) + "=\"" + encode(value) + "\""));
        parts.add("oauth_signature=\"" + encode(signature) + "\"");
        return "OAuth " + String.join(",", parts);
    }

    /** RFC 5849 §3.4: the signature base string, signed. */
    String signature(String httpMethod, URI uri, Map<String, String> oauth, String consumerSecret, String tokenSecret) {
        List<String[]> params = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.add(new String[] {encode(decode(name)), encode(decode(value))});
            }
        }
        oauth.forEach((name, value) -> params.add(new String[] {encode(name), encode(value)}));
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] p : params) {
            joined.add(p[0] + "=" + p[1]);
        }
        String base = httpMethod.toUpperCase(Locale.ROOT) + "&" + encode(baseUri(uri)) + "&"
                + encode(String.join("&", joined));
        String key = encode(consumerSecret) + "&" + encode(tokenSecret);
        String algorithm = method.equals("HMAC-SHA256") ? "HmacSHA256" : "HmacSHA1";
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /** Scheme and host in lower case, the port only when not the scheme's own, the path; no query, no fragment. */
    private static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    /** RFC 3986 unreserved characters stay, everything else is %XX in upper case (RFC 5849 §3.6). */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String nonce() {
        StringBuilder b = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            b.append(NONCE_LETTERS.charAt(RANDOM.nextInt(NONCE_LETTERS.length())));
        }
        return b.toString();
    }
}
