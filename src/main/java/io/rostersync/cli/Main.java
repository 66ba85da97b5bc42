package io.rostersync.cli;

/**
 * The one executable: every command of {@code rostersync.jar} is a picocli subcommand, and
 * {@code serve} (the default) starts the Spring application. Commands that only read files
 * (validate, generate, bench) run without starting Spring, so they start in milliseconds.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(RostersyncCommand.run(args));
    }
}
