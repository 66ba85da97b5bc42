package io.rostersync.sync.internal.plan;

/** A 64-bit hash of a source id, for the compact tables the engine keeps per district. */
public final class Ids {

    private Ids() {
    }

    public static long hash(String id) {
        return finish(fnv(FNV_OFFSET, id));
    }

    /** Where {@link #fnv} starts: {@code hash(s)} is {@code finish(fnv(FNV_OFFSET, s))}, and strings chain. */
    public static final long FNV_OFFSET = 0xcbf29ce484222325L;

    /** FNV-1a over the chars of {@code s}, from state {@code h}. */
    public static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A 64-bit finalizer (MurmurHash3's): spreads every bit of {@code x} over the result. */
    public static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    /** Mixes the last bits in: FNV-1a alone leaves the low bits of short ids poorly spread. */
    public static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
