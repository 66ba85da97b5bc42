package io.rostersync.cli;

import io.rostersync.storage.Database;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List a district's runs, the newest first.")
final class RunsCommand extends DistrictCommand {

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "At most N runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    int run(Database db, PrintWriter out) {
        List<RunReport> runs = new Syncs(db.dataSource()).runs(district, limit);
        out.printf("%6s  %-6s  %-22s  %-20s  %9s  %s%n", "RUN", "KIND", "STATUS", "STARTED", "CHANGES", "SOURCE");
        for (RunReport r : runs) {
            String status = r.status().label() + (r.revertedBy() != null ? " (undone by " + r.revertedBy() + ")" : "");
            out.printf("%6d  %-6s  %-22s  %-20s  %,9d  %s%n", r.run(), r.kind(), status,
                    r.startedAt().toString().substring(0, 19).replace('T', ' '), r.changes(), r.source());
        }
        return 0;
    }
}
