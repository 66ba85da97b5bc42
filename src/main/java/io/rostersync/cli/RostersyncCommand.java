package io.rostersync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command; without a subcommand it runs {@code serve}. */
@Command(name = "rostersync", mixinStandardHelpOptions = true, version = "Rostersync 0.1.0",
        description = "Keeps a school district's directory in sync with its student information system.",
        subcommands = {ServeCommand.class, ValidateCommand.class, SyncCommand.class, RunsCommand.class, ReportCommand.class,
            UndoCommand.class, ScheduleCommand.class, AdminCommand.class, GenerateCommand.class, BenchCommand.class,
            StubApiCommand.class})
public final class RostersyncCommand implements Runnable {

    /** Exit status for input that cannot be read at all, or for wrong arguments. */
    public static final int EXIT_UNUSABLE = 2;

    @Override
    public void run() {
        // no subcommand: handled in run(String[])
    }

    public static int run(String... args) {
        CommandLine cli = commandLine();
        // without a command, serve: also when the first argument is one of serve's options
        boolean ownOption = args.length > 0 && java.util.Set.of("-h", "--help", "-V", "--version").contains(args[0]);
        if (args.length == 0 || args[0].startsWith("--") && !ownOption) {
            String[] serveArgs = new String[args.length + 1];
            serveArgs[0] = "serve";
            System.arraycopy(args, 0, serveArgs, 1, args.length);
            return cli.execute(serveArgs);
        }
        return cli.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RostersyncCommand());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_UNUSABLE;
        });
        return cli;
    }
}
