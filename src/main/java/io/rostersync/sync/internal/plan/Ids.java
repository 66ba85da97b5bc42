package io.rostersync.sync.internal.plan;

/** A 64-bit hash of a source id, for the compact tables the engine keeps per district. */
public final class Ids {

    private Ids() {
    }

    public static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
