package io.rostersync.cli;

import io.rostersync.storage.Database;
import io.rostersync.sync.Syncs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command about one district's data: its {@code --district}, the database it opens, and what a
 * refusal of the sync module prints (its message, exit status 1).
 */
abstract class DistrictCommand implements Callable<Integer> {

    @Option(names = "--district", required = true, paramLabel = "SLUG")
    String district;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    /** The command's work, with the database open. */
    abstract int run(Database db, PrintWriter out) throws java.io.IOException;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            int status = run(db, out);
            out.flush();
            return status;
        } catch (Syncs.SyncException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
