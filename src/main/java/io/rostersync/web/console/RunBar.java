package io.rostersync.web.console;

import io.rostersync.sync.RunReport;
import java.util.ArrayList;
import java.util.List;

/**
 * One run in the run history's chart: its changes drawn as stacked bars (created, updated,
 * archived) scaled to the busiest run shown, in an SVG the page draws without a script.
 */
public record RunBar(long run, String status, long created, long updated, long archived, int x, int createdHeight,
        int updatedHeight, int archivedHeight) {

    public static final int HEIGHT = 120;
    public static final int WIDTH = 18;

    /** The bars of these runs, oldest on the left. */
    public static List<RunBar> of(List<RunReport> newestFirst) {
        long most = 1;
        for (RunReport r : newestFirst) {
            most = Math.max(most, total(r, 0) + total(r, 1) + total(r, 2));
        }
        List<RunBar> bars = new ArrayList<>();
        int x = 0;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            RunReport r = newestFirst.get(i);
            long created = total(r, 0);
            long updated = total(r, 1);
            long archived = total(r, 2);
            bars.add(new RunBar(r.run(), r.status().label(), created, updated, archived, x,
                    scale(created, most), scale(updated, most), scale(archived, most)));
            x += WIDTH + 4;
        }
        return bars;
    }

    private static long total(RunReport r, int which) {
        return r.counts().values().stream().mapToLong(c -> which == 0 ? c.created() : which == 1 ? c.updated()
                : c.archived()).sum();
    }

    private static int scale(long value, long most) {
        return value == 0 ? 0 : (int) Math.max(1, Math.round((double) value * HEIGHT / most));
    }

    public int archivedY() {
        return HEIGHT - archivedHeight;
    }

    public int updatedY() {
        return archivedY() - updatedHeight;
    }

    public int createdY() {
        return updatedY() - createdHeight;
    }
}
