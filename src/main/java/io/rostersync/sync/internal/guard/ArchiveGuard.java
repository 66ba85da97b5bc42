package io.rostersync.sync.internal.guard;

import io.rostersync.directory.EntityKind;
import io.rostersync.settings.SyncSettings;
import io.rostersync.settings.Threshold;
import io.rostersync.settings.ThresholdOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a run's archives may go ahead. Deleting is the dangerous step: nothing is archived
 * from a package with errors or an incomplete file, and a run that would archive more of a kind than
 * its threshold waits for an admin. An override lets threshold holds through once, never a broken
 * package.
 */
public final class ArchiveGuard {

    private ArchiveGuard() {
    }

    /** How many records of a kind the directory manages, and how many the plan would archive. */
    public record KindCounts(long managed, long archiving) {
    }

    /** The decision: hold or go, why, and whether the override was used up. */
    public record Decision(boolean held, List<HoldReason> reasons, boolean overrideUsed) {
    }

    public static Decision check(int readerErrors, List<String> incompleteFiles, Map<EntityKind, KindCounts> counts,
            SyncSettings settings, Optional<ThresholdOverride> override) {
        List<HoldReason> structural = new ArrayList<>();
        if (readerErrors > 0) {
            structural.add(new HoldReason.ReaderErrors(readerErrors));
        }
        for (String file : incompleteFiles) {
            structural.add(new HoldReason.IncompleteFile(file));
        }
        List<HoldReason> thresholds = new ArrayList<>();
        for (EntityKind kind : EntityKind.values()) {
            KindCounts c = counts.get(kind);
            Threshold t = settings.threshold(kind);
            if (c != null && c.archiving() > 0 && t.crossedBy(c.archiving(), c.managed())) {
                thresholds.add(new HoldReason.ThresholdCrossed(kind, c.archiving(), c.managed(), t.percent(),
                        t.absolute()));
            }
        }
        boolean anyArchive = counts.values().stream().anyMatch(c -> c.archiving() > 0);
        if (!anyArchive) {
            return new Decision(false, List.of(), false);
        }
        List<HoldReason> reasons = new ArrayList<>(structural);
        boolean overrideUsed = false;
        if (!thresholds.isEmpty()) {
            if (override.isPresent() && structural.isEmpty()) {
                overrideUsed = true;
            } else {
                reasons.addAll(thresholds);
            }
        }
        return new Decision(!reasons.isEmpty(), List.copyOf(reasons), overrideUsed);
    }
}
