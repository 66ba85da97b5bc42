package io.rostersync.cli;

import io.rostersync.storage.Database;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "undo", mixinStandardHelpOptions = true,
        description = {"Revert a sync run: its updates, archives, restores and removals, and the records it created.",
            "Refused while a later run changed the same records (undo that one first).",
            "Exit status: 0 undone, 1 refused or failed, 2 wrong arguments."})
final class UndoCommand extends DistrictCommand {

    @Parameters(paramLabel = "RUN", description = "The run to revert (see: runs --district SLUG).")
    long run;

    @Option(names = "--format", defaultValue = "text", description = "text or json.")
    ValidateCommand.Format format;

    @Override
    int run(Database db, PrintWriter out) {
        RunReport report = new Syncs(db.dataSource()).undo(district, run);
        SyncCommand.print(report, format, out);
        return SyncCommand.exitCode(report);
    }
}
