package io.rostersync.cli;

import io.rostersync.directory.EntityKind;
import io.rostersync.oneroster.Problem;
import io.rostersync.sync.RunReport;
import java.io.PrintWriter;
import java.util.List;

/** A run's report for people: what happened, why it waits, what the files had wrong. */
final class RunText {

    private static final List<EntityKind> DIRECTORY = List.of(EntityKind.STUDENTS, EntityKind.GUARDIANS,
            EntityKind.STAFF, EntityKind.CLASSROOMS);

    private RunText() {
    }

    static void render(RunReport r, PrintWriter out) {
        // a sync's source is its file, an undo's already says what it undid ("undo of run 2")
        String what = r.source().startsWith(r.kind() + " of ") ? r.source() : r.kind() + " of " + r.source();
        out.printf("Run %d (%s): %s%n", r.run(), what, r.status().label());
        if (r.error() != null) {
            out.println("  " + r.error());
        }
        out.printf("  %-12s %9s %9s %9s %9s %10s%n", "", "created", "updated", "archived", "restored", "unchanged");
        for (EntityKind kind : EntityKind.values()) {
            RunReport.Counts c = r.counts(kind);
            out.printf("  %-12s %,9d %,9d %,9d %,9d %,10d%n", kind.label(), c.created(), c.updated(), c.archived(),
                    c.restored(), c.unchanged());
        }
        out.printf("  %,d changes%n", r.changes());
        if (!r.directory().isEmpty()) {
            StringBuilder totals = new StringBuilder("  Directory now:");
            for (EntityKind kind : DIRECTORY) {
                RunReport.Totals t = r.directory().getOrDefault(kind, new RunReport.Totals(0, 0));
                totals.append(String.format(" %,d %s (%,d archived);", t.active(), kind.label(), t.archived()));
            }
            out.println(totals);
        }
        if (!r.holdReasons().isEmpty()) {
            out.println(r.status() == io.rostersync.sync.RunStatus.HELD
                    ? String.format("  Held: %,d removals wait for an admin, because", r.waiting())
                    : "  Why:");
            r.holdReasons().forEach(reason -> out.println("    - " + reason));
            if (r.status() == io.rostersync.sync.RunStatus.HELD) {
                out.printf("  Approve with: sync --approve %d --district ...; or sync the files again with"
                        + " --override-threshold \"why\" (thresholds only)%n", r.run());
            }
        }
        if (r.skips() > 0) {
            out.printf("  %,d source records skipped (listed with their reasons in: report %d --format csv)%n",
                    r.skips(), r.run());
        }
        if (!r.problems().isEmpty()) {
            out.printf("  %d problems in the files:%n", r.problems().size());
            int shown = 0;
            for (Problem p : r.problems()) {
                if (shown++ == 20) {
                    out.printf("    ... and %d more (report %d --format json)%n", r.problems().size() - 20, r.run());
                    break;
                }
                out.printf("    %s %s %s%s: %s%n", p.severity().label(), p.code(), p.file() == null ? "" : p.file(),
                        p.line() == null ? "" : ":" + p.line(), p.message());
            }
        }
    }
}
