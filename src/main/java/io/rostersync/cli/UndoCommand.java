package io.rostersync.cli;

import io.rostersync.storage.Database;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "undo", mixinStandardHelpOptions = true,
        description = {"Revert a sync run: its updates, archives, restores and removals, and the records it created.",
            "Refused while a later run changed the same records (undo that one first).",
            "Exit status: 0 undone, 1 refused or failed, 2 wrong arguments."})
final class UndoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run to revert (see: runs --district SLUG).")
    long run;

    @Option(names = "--district", required = true, paramLabel = "SLUG")
    String district;

    @Option(names = "--format", defaultValue = "text", description = "text or json.")
    ValidateCommand.Format format;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        try (Database db = database.open()) {
            RunReport report = new Syncs(db.dataSource()).undo(district, run);
            SyncCommand.print(report, format, spec.commandLine().getOut());
            return SyncCommand.exitCode(report);
        } catch (Syncs.SyncException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
