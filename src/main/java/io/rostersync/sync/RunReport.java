package io.rostersync.sync;

import io.rostersync.directory.EntityKind;
import io.rostersync.oneroster.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a run did: its status; per kind, how many records it created, updated, archived, restored
 * and left unchanged; the directory's totals after it; why it was held; the reader's problems; and
 * how many source records it skipped (each listed, with its reason, in the CSV export).
 *
 * @param kind       sync, or undo (then {@code reverts} is the run it reverted)
 * @param waiting    changes that wait for an admin's approval (a held run's archives)
 * @param revertedBy the undo run that reverted this one, or null
 */
public record RunReport(long run, String kind, RunStatus status, String source, Instant startedAt, Instant finishedAt,
        Map<EntityKind, Counts> counts, Map<EntityKind, Totals> directory, List<String> holdReasons, long waiting,
        List<Problem> problems, long skips, String error, Long reverts, Long revertedBy) {

    /** One kind's counts. */
    public record Counts(long created, long updated, long archived, long restored, long unchanged) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        public long changes() {
            return created + updated + archived + restored;
        }
    }

    /** Active (including pending removal) and archived records of a kind in the directory. */
    public record Totals(long active, long archived) {
    }

    public RunReport {
        counts = Map.copyOf(counts);
        directory = Map.copyOf(directory);
        holdReasons = List.copyOf(holdReasons);
        problems = List.copyOf(problems);
    }

    /** Created, updated, archived and restored records of every kind: 0 for a second sync of the same files. */
    public long changes() {
        return counts.values().stream().mapToLong(Counts::changes).sum();
    }

    /**
     * Whether the run was held whole (the district holds whole runs): nothing of it was applied, so
     * it cannot be approved in part; an admin may sync its files again, crossing the thresholds once.
     */
    public boolean heldWhole() {
        return status == RunStatus.HELD && holdReasons.stream()
                .anyMatch(r -> r.startsWith(io.rostersync.sync.internal.engine.SyncEngine.NOTHING_APPLIED));
    }

    public Counts counts(EntityKind kind) {
        return counts.getOrDefault(kind, Counts.NONE);
    }

    /** The report as {@code sync --format json} prints it. */
    public String toJson() {
        return io.rostersync.sync.internal.report.RunReportJson.render(this);
    }
}
