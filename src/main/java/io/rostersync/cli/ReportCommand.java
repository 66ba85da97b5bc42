package io.rostersync.cli;

import io.rostersync.storage.Database;
import io.rostersync.sync.Syncs;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Show a run's report; as CSV, every change, skip and problem, each with its source row and setting."})
final class ReportCommand extends DistrictCommand {

    enum Format { text, json, csv }

    @Parameters(paramLabel = "RUN")
    long run;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv.")
    Format format;

    @Override
    int run(Database db, PrintWriter out) {
        Syncs syncs = new Syncs(db.dataSource());
        switch (format) {
            case csv -> syncs.exportCsv(district, run, out);
            case json -> out.println(syncs.report(district, run).toJson());
            case text -> RunText.render(syncs.report(district, run), out);
        }
        return 0;
    }
}
