package io.rostersync.web.console;

import io.rostersync.directory.EntityKind;
import io.rostersync.sync.RunReport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A run's counts per kind, in the directory's order of kinds, for a page's table. */
public final class KindCounts {

    private KindCounts() {
    }

    public static Map<String, RunReport.Counts> of(RunReport run) {
        Map<String, RunReport.Counts> counts = new LinkedHashMap<>();
        for (EntityKind kind : EntityKind.values()) {
            if (run.counts().containsKey(kind)) {
                counts.put(kind.name().toLowerCase(Locale.ROOT), run.counts(kind));
            }
        }
        return counts;
    }
}
