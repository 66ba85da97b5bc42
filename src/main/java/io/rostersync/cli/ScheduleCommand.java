package io.rostersync.cli;

import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.schedule.SyncSchedule;
import io.rostersync.storage.Database;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Show or set whether a district's drops are applied, or only validated and previewed.",
            "A new district's sync is disabled: its drops become preview runs until it is enabled."})
final class ScheduleCommand extends DistrictCommand {

    @ArgGroup(exclusive = true)
    Change change;

    static final class Change {
        @Option(names = "--enable", description = "Apply the district's drops from now on.")
        boolean enable;

        @Option(names = "--disable", description = "Only validate and preview them.")
        boolean disable;
    }

    @Override
    int run(Database db, PrintWriter out) {
        Optional<District> found = new Districts(db.dataSource()).find(district);
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("No district '" + district + "'.");
            return RostersyncCommand.EXIT_UNUSABLE;
        }
        SyncSchedule schedule = new SyncSchedule(db.dataSource());
        if (change != null) {
            schedule.setSyncEnabled(found.get().id(), change.enable);
        }
        out.println("Sync of " + district + ": " + (schedule.syncEnabled(found.get().id())
                ? "enabled (drops are applied)" : "disabled (drops are validated and previewed)"));
        return 0;
    }
}
