package io.rostersync.generator.internal;

/**
 * Stateless, seedable hashing: every random choice of the generator is a pure function of the seed
 * and a structured key (school, household, kid, day, ...), so any record can be regenerated anywhere
 * in any order without holding state. Ids are two independent 64-bit chains formatted like a UUID.
 */
public final class Hashing {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long SALT_B = 0xD1B54A32D192ED03L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Hashing() {
    }

    /** SplitMix64's finaliser: a bijective 64-bit mixer. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long h(long a, long b) {
        return mix(mix(a + GOLDEN) ^ (b * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L));
    }

    public static long h(long a, long b, long c) {
        return h(h(a, b), c);
    }

    public static long h(long a, long b, long c, long d) {
        return h(h(h(a, b), c), d);
    }

    public static long h(long a, long b, long c, long d, long e) {
        return h(h(h(h(a, b), c), d), e);
    }

    /** A double in [0, 1). */
    public static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** An int in [0, bound). */
    public static int below(long hash, int bound) {
        return (int) (((hash >>> 33) * bound) >>> 31);
    }

    /** A UUID-shaped id (version 4 layout) from two independent hash chains over the same key. */
    public static String uuid(long seed, long kind, long a, long b, long c) {
        long hi = h(seed, kind, a, b, c);
        long lo = h(seed ^ SALT_B, c, b, a, kind ^ SALT_B);
        return format(hi, lo);
    }

    static String format(long hi, long lo) {
        hi = (hi & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] c = new char[36];
        int p = 0;
        for (int i = 60; i >= 0; i -= 4) {
            if (p == 8 || p == 13) {
                c[p++] = '-';
            }
            c[p++] = HEX[(int) (hi >>> i) & 0xF];
        }
        c[p++] = '-';
        for (int i = 60; i >= 0; i -= 4) {
            if (p == 23) {
                c[p++] = '-';
            }
            c[p++] = HEX[(int) (lo >>> i) & 0xF];
        }
        return new String(c);
    }

    /**
     * The first day after {@code from} (1-based school days) on which an event with daily probability
     * {@code p} happens, drawn by a geometric jump; {@link Integer#MAX_VALUE} if it never does.
     */
    public static int nextEventDay(long key, int from, double p) {
        if (p <= 0) {
            return Integer.MAX_VALUE;
        }
        double u = 1.0 - unit(h(key, from, 0x5EEDL));
        double gap = Math.floor(Math.log(u) / Math.log1p(-p));
        if (gap > 100_000) {
            return Integer.MAX_VALUE;
        }
        return from + 1 + (int) gap;
    }

    /** A Poisson draw of mean lambda from one hash (normal approximation for large means). */
    public static int poisson(long hash, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            double u1 = Math.max(1e-12, unit(hash));
            double u2 = unit(mix(hash));
            double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
        }
        double limit = Math.exp(-lambda);
        double prod = unit(hash);
        int n = 0;
        long x = hash;
        while (prod > limit) {
            x = mix(x + GOLDEN);
            prod *= unit(x);
            n++;
        }
        return n;
    }
}
