package io.rostersync.cli;

import io.rostersync.storage.Database;
import io.rostersync.sync.Syncs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Show a run's report; as CSV, every change, skip and problem, each with its source row and setting."})
final class ReportCommand implements Callable<Integer> {

    enum Format { text, json, csv }

    @Parameters(paramLabel = "RUN")
    long run;

    @Option(names = "--district", required = true, paramLabel = "SLUG")
    String district;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv.")
    Format format;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            Syncs syncs = new Syncs(db.dataSource());
            switch (format) {
                case csv -> syncs.exportCsv(district, run, out);
                case json -> out.println(syncs.report(district, run).toJson());
                case text -> RunText.render(syncs.report(district, run), out);
            }
            out.flush();
            return 0;
        } catch (Syncs.SyncException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
