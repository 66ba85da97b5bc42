package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongIntHashMap;
import java.util.Arrays;
import java.util.Optional;

/**
 * The members of each classroom as the last applied run left the directory, so that a night's
 * churn is compared in memory rather than by reading every changed classroom back (a
 * million-student district has seven million members, and a 2 % churn touches a third of its
 * classrooms). Per classroom: its members' values (packed member {@code << 1 |} managed) sorted,
 * the first whole and the others as the gap to the one before, each as a variable-length number:
 * about four bytes a member. The lists stay coded: a classroom is decoded only when a run looks at
 * it, and the next run's blob copies the bytes of every classroom that run did not change.
 *
 * <p>Layout: int {@link #FORMAT}, long managed members, int classrooms, then per classroom its id,
 * its member count and the length of its coded members, and those bytes.
 */
final class MemberLists {

    /** "MEM2": no blob of the earlier, hash-only format starts so (it began with a count below 2^32). */
    static final int FORMAT = 0x4D454D32;

    private final byte[] data;
    private final long managed;
    private final LongIntHashMap entryOf;
    /** Where each classroom's entry starts, in the order of the blob. */
    private final int[] entries;

    private MemberLists(byte[] data, long managed, LongIntHashMap entryOf, int[] entries) {
        this.data = data;
        this.managed = managed;
        this.entryOf = entryOf;
        this.entries = entries;
    }

    /** The lists of a blob, or empty when it is of another format (the run then reads the directory). */
    static Optional<MemberLists> decode(byte[] data) {
        if (data.length < 16 || readInt(data, 0) != FORMAT) {
            return Optional.empty();
        }
        long managed = readLong(data, 4);
        int classrooms = readInt(data, 12);
        if (classrooms < 0 || classrooms > data.length) {
            return Optional.empty();
        }
        LongIntHashMap entryOf = new LongIntHashMap(classrooms);
        int[] entries = new int[classrooms];
        int[] at = {16};
        try {
            for (int i = 0; i < classrooms; i++) {
                entries[i] = at[0];
                long classroom = readVarLong(data, at);
                readVarLong(data, at); // count
                int bytes = (int) readVarLong(data, at);
                entryOf.put(classroom, entries[i]);
                at[0] += bytes;
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty(); // cut short: not a blob this code wrote
        }
        if (at[0] != data.length) {
            return Optional.empty();
        }
        return Optional.of(new MemberLists(data, managed, entryOf, entries));
    }

    /** The sync-managed members of the district when the blob was written. */
    long managed() {
        return managed;
    }

    boolean has(long classroom) {
        return entryOf.containsKey(classroom);
    }

    /** How many members the classroom has; 0 when it is not in the blob. */
    int count(long classroom) {
        int entry = entryOf.getOrDefault(classroom, -1);
        if (entry < 0) {
            return 0;
        }
        int[] at = {entry};
        readVarLong(data, at);
        return (int) readVarLong(data, at);
    }

    /** The classroom's member values in ascending order; empty when it is not in the blob. */
    long[] values(long classroom) {
        int entry = entryOf.getOrDefault(classroom, -1);
        if (entry < 0) {
            return new long[0];
        }
        int[] at = {entry};
        readVarLong(data, at);
        int count = (int) readVarLong(data, at);
        readVarLong(data, at);
        long[] values = new long[count];
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = i == 0 ? readVarLong(data, at) : value + readVarLong(data, at);
            values[i] = value;
        }
        return values;
    }

    /** Whether the classroom is in the blob with exactly these values (ascending). */
    boolean holds(long classroom, long[] ascending) {
        return count(classroom) == ascending.length && has(classroom) && Arrays.equals(values(classroom), ascending);
    }

    /** Copies the entry of every classroom not in {@code except}, in the blob's order. */
    void copyAllBut(com.carrotsearch.hppc.LongHashSet except, Writer to) {
        for (int entry : entries) {
            int[] at = {entry};
            long classroom = readVarLong(data, at);
            readVarLong(data, at);
            int bytes = (int) readVarLong(data, at);
            if (!except.contains(classroom)) {
                to.raw(data, entry, at[0] + bytes - entry);
            }
        }
    }

    /** Builds a blob: entries in the order they are added. */
    static final class Writer {
        private byte[] buffer;
        private int size = 16;
        private int classrooms;
        private byte[] scratch = new byte[64];

        Writer(int expectedBytes) {
            buffer = new byte[Math.max(64, expectedBytes)];
        }

        /** A copy to add more entries to, leaving this one as it is. */
        Writer copy(int moreBytes) {
            Writer w = new Writer(size + moreBytes);
            System.arraycopy(buffer, 0, w.buffer, 0, size);
            w.size = size;
            w.classrooms = classrooms;
            return w;
        }

        /** A classroom and its member values, which must ascend with no value twice. */
        void write(long classroom, long[] ascending) {
            int length = 0;
            for (int i = 0; i < ascending.length; i++) {
                long v = i == 0 ? ascending[0] : ascending[i] - ascending[i - 1];
                if (v < 0 || i > 0 && v == 0) {
                    throw new IllegalArgumentException("member values of classroom " + classroom + " do not ascend");
                }
                if (scratch.length - length < 10) {
                    scratch = Arrays.copyOf(scratch, scratch.length * 2);
                }
                length = writeVarLong(scratch, length, v);
            }
            ensure(30 + length);
            size = writeVarLong(buffer, size, classroom);
            size = writeVarLong(buffer, size, ascending.length);
            size = writeVarLong(buffer, size, length);
            System.arraycopy(scratch, 0, buffer, size, length);
            size += length;
            classrooms++;
        }

        private void raw(byte[] from, int offset, int length) {
            ensure(length);
            System.arraycopy(from, offset, buffer, size, length);
            size += length;
            classrooms++;
        }

        byte[] finish(long managed) {
            byte[] out = Arrays.copyOf(buffer, size);
            writeInt(out, 0, FORMAT);
            writeLong(out, 4, managed);
            writeInt(out, 12, classrooms);
            return out;
        }

        private void ensure(int more) {
            if (buffer.length - size < more) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }

    private static int writeVarLong(byte[] to, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            to[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        to[at++] = (byte) v;
        return at;
    }

    private static long readVarLong(byte[] from, int[] at) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = from[at[0]++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("a number of more than ten bytes");
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    private static long readLong(byte[] b, int at) {
        return (long) readInt(b, at) << 32 | readInt(b, at + 4) & 0xFFFFFFFFL;
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void writeLong(byte[] b, int at, long v) {
        writeInt(b, at, (int) (v >>> 32));
        writeInt(b, at + 4, (int) v);
    }
}
