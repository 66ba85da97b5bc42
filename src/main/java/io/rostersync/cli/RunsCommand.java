package io.rostersync.cli;

import io.rostersync.storage.Database;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List a district's runs, the newest first.")
final class RunsCommand implements Callable<Integer> {

    @Option(names = "--district", required = true, paramLabel = "SLUG")
    String district;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "At most N runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            List<RunReport> runs = new Syncs(db.dataSource()).runs(district, limit);
            out.printf("%6s  %-6s  %-22s  %-20s  %9s  %s%n", "RUN", "KIND", "STATUS", "STARTED", "CHANGES", "SOURCE");
            for (RunReport r : runs) {
                String status = r.status().label() + (r.revertedBy() != null ? " (undone by " + r.revertedBy() + ")" : "");
                out.printf("%6d  %-6s  %-22s  %-20s  %,9d  %s%n", r.run(), r.kind(), status,
                        r.startedAt().toString().substring(0, 19).replace('T', ' '), r.changes(), r.source());
            }
            out.flush();
            return 0;
        } catch (Syncs.SyncException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
