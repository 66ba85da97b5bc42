package io.rostersync.sync.internal.report;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.EntityKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * The report's counts: per kind, how many records were created, updated, archived, restored and
 * left unchanged. Links count as updates of the linked record; a pending removal counts as archived
 * only once its grace period ends, so it is not counted here; guardian links are changes of their
 * own and are not counted as people.
 */
public final class RunCounts {

    /** One kind's counts. */
    public record Counts(long created, long updated, long archived, long restored, long unchanged) {

        public long changes() {
            return created + updated + archived + restored;
        }
    }

    private final Map<EntityKind, long[]> counts = new EnumMap<>(EntityKind.class);

    public void add(DirectoryChange change) {
        long[] c = of(change.kind());
        // pending removals, guardian links, and the changes of an undo are not counted as records
        if (change instanceof DirectoryChange.Create) {
            c[0]++;
        } else if (change instanceof DirectoryChange.MemberAdded m) {
            c[m.primaryBefore() == null ? 0 : 1]++;
        } else if (change instanceof DirectoryChange.Update || change instanceof DirectoryChange.Link) {
            c[1]++;
        } else if (change instanceof DirectoryChange.Archive || change instanceof DirectoryChange.MemberRemoved) {
            c[2]++;
        } else if (change instanceof DirectoryChange.Restore) {
            c[3]++;
        }
    }

    public void unchanged(EntityKind kind, long n) {
        of(kind)[4] += n;
    }

    private long[] of(EntityKind kind) {
        return counts.computeIfAbsent(kind, k -> new long[5]);
    }

    /** Adds another run's counts (an undo reports the counts of what it reverted). */
    public void set(EntityKind kind, Counts value) {
        long[] c = of(kind);
        c[0] = value.created();
        c[1] = value.updated();
        c[2] = value.archived();
        c[3] = value.restored();
        c[4] = value.unchanged();
    }

    public Counts get(EntityKind kind) {
        long[] c = counts.getOrDefault(kind, new long[5]);
        return new Counts(c[0], c[1], c[2], c[3], c[4]);
    }

    /** Created, updated, archived and restored records of every kind: 0 for a second sync of the same files. */
    public long changes() {
        long n = 0;
        for (EntityKind kind : EntityKind.values()) {
            n += get(kind).changes();
        }
        return n;
    }
}
