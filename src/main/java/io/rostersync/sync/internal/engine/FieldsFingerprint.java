package io.rostersync.sync.internal.engine;

import io.rostersync.sync.internal.plan.Ids;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A fingerprint of a record's fields, the same whether computed from the source or the directory:
 * {@link Ids#hash} of each field as key, U+0001, value, U+0002, in the keys' natural order, hashed
 * as it goes rather than built as a string first (millions of records a run).
 */
final class FieldsFingerprint {

    /** The fields a record can have, in the order the fingerprint takes them (their natural order). */
    private final List<String> ordered;

    FieldsFingerprint(Collection<String> fields) {
        this.ordered = List.copyOf(new TreeSet<>(fields));
    }

    long of(Map<String, String> fields) {
        long h = Ids.FNV_OFFSET;
        int taken = 0;
        for (String key : ordered) {
            String value = fields.get(key);
            if (value == null && !fields.containsKey(key)) {
                continue;
            }
            h = Ids.fnv(Ids.fnv(Ids.fnv(Ids.fnv(h, key), "\u0001"), String.valueOf(value)), "\u0002");
            taken++;
        }
        if (taken != fields.size()) {
            StringBuilder b = new StringBuilder(256); // a field beyond the known ones: the same hash, the long way
            for (String key : new TreeSet<>(fields.keySet())) {
                b.append(key).append('\u0001').append(fields.get(key)).append('\u0002');
            }
            return Ids.hash(b.toString());
        }
        return Ids.finish(h);
    }
}
