package io.rostersync.sync.internal.engine;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongLongHashMap;
import io.rostersync.oneroster.BirthDate;
import io.rostersync.oneroster.BirthDates;
import io.rostersync.oneroster.FileMode;
import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.sync.internal.plan.Ids;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a run's demographics.csv says of birth dates: each user's key (8 bytes a user, the date itself
 * never held), the users whose date a delta file withdraws, and whether the file speaks for every
 * student. Only a bulk file read whole, without a row refused, does: a student it does not list has no
 * date. Otherwise (no file, a delta one, or one the reader could not read whole) a student it does not
 * list keeps the date they have; the keys of a damaged file are not taken for the absence of the rest.
 */
final class BirthKeys {

    private final LongLongHashMap keys;
    private final LongHashSet withdrawn;
    private final boolean inFull;

    private BirthKeys(LongLongHashMap keys, LongHashSet withdrawn, boolean inFull) {
        this.keys = keys;
        this.withdrawn = withdrawn;
        this.inFull = inFull;
    }

    static BirthKeys read(RunContext run) {
        LongLongHashMap keys = new LongLongHashMap();
        LongHashSet withdrawn = new LongHashSet();
        Optional<FileSummary> file = run.snapshot.file(RosterFile.DEMOGRAPHICS);
        if (file.isEmpty()) {
            return new BirthKeys(keys, withdrawn, false);
        }
        try (Stream<BirthDate> rows = run.snapshot.birthDates()) {
            rows.forEach(row -> {
                long id = Ids.hash(row.userSourcedId());
                if (row.status() == RecordStatus.TO_BE_DELETED) {
                    withdrawn.add(id);
                    return;
                }
                String key = BirthDates.keyOf(row.cell(), run.birthDateKey);
                if (key != null) {
                    keys.put(id, Long.parseUnsignedLong(key, 16));
                }
            });
        }
        FileSummary summary = file.get();
        boolean inFull = summary.mode() == FileMode.BULK && summary.complete() && summary.rejectedRows() == 0;
        return new BirthKeys(keys, withdrawn, inFull);
    }

    /** The key of the user's birth date, or null when the file gives none. */
    String keyOf(String sourcedId) {
        int slot = keys.indexOf(Ids.hash(sourcedId));
        return keys.indexExists(slot) ? String.format("%016x", keys.indexGet(slot)) : null;
    }

    /** Whether a delta file withdraws the user's birth date (a tobedeleted row). */
    boolean withdrawn(String sourcedId) {
        return withdrawn.contains(Ids.hash(sourcedId));
    }

    /** Whether the file speaks for every student's birth date. */
    boolean inFull() {
        return inFull;
    }
}
