package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongIntHashMap;
import java.util.Arrays;

/**
 * What a step remembers of the directory between runs: one row per linked source record (its id's
 * hash, the local id, a fingerprint of its fields, its state, whether the sync manages it) in
 * primitive arrays, found by the id's hash, so that a million links cost a few dozen bytes each.
 * A step adds columns of its own in a subclass, which also says how its rows are written into the
 * remembered blob.
 *
 * <p>A subclass declares its column arrays without initializers: they are allocated from this
 * class's constructor.
 */
abstract class KnownRows {

    LongIntHashMap index;
    long[] hash;
    long[] localId;
    long[] fingerprint;
    int[] state;
    boolean[] managed;
    int size;

    /** @param expected how many rows it will likely hold */
    KnownRows(int expected) {
        allocate(Math.max(1024, expected));
    }

    /** Empties it, with room for {@code capacity} rows. */
    final void allocate(int capacity) {
        index = new LongIntHashMap(capacity);
        hash = new long[capacity];
        localId = new long[capacity];
        fingerprint = new long[capacity];
        state = new int[capacity];
        managed = new boolean[capacity];
        size = 0;
        allocateColumns(capacity);
    }

    /** Allocates the subclass's columns, empty, for {@code capacity} rows. */
    abstract void allocateColumns(int capacity);

    /** Grows the subclass's columns to {@code capacity} rows, keeping what they hold. */
    abstract void growColumns(int capacity);

    /**
     * The row of this id hash, added if it is new, with the shared columns set; the caller sets its
     * own columns at the index returned.
     */
    final int row(long idHash, long local, long fp, int st, boolean man) {
        int i = index.getOrDefault(idHash, -1);
        if (i < 0) {
            if (size == hash.length) {
                int n = size * 2;
                hash = Arrays.copyOf(hash, n);
                localId = Arrays.copyOf(localId, n);
                fingerprint = Arrays.copyOf(fingerprint, n);
                state = Arrays.copyOf(state, n);
                managed = Arrays.copyOf(managed, n);
                growColumns(n);
            }
            i = size++;
            index.put(idHash, i);
        }
        hash[i] = idHash;
        localId[i] = local;
        fingerprint[i] = fp;
        state[i] = st;
        managed[i] = man;
        return i;
    }

    /** The row of this id hash, or -1. */
    final int find(long idHash) {
        return index.getOrDefault(idHash, -1);
    }
}
