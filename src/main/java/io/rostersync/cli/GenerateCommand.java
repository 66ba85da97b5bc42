package io.rostersync.cli;

import io.rostersync.demo.DemoDistrict;
import io.rostersync.generator.GenerationResult;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.oneroster.OneRosterVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a realistic district roster as OneRoster CSV (a folder, or a ZIP if PATH ends in .zip).",
            "The same arguments always give the same bytes.",
            "--demo writes the demo district's roster (what its hand-made records match); only --day may go with it."})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The options that choose the district, which the demo district has fixed. */
    private static final List<String> DISTRICT_OPTIONS = List.of("--students", "--schools", "--guardians-per-student",
            "--oneroster", "--seed", "--messy", "--birth-dates");

    @Option(names = "--demo", description = "The demo district's roster: " + DemoDistrict.STUDENTS + " students, "
            + DemoDistrict.SCHOOLS + " schools, seed " + DemoDistrict.SEED + " (see the README).")
    boolean demo;

    @Option(names = "--students", paramLabel = "N", description = "Students on day 0 (required without --demo).")
    int students;

    @Option(names = "--schools", paramLabel = "S",
            description = "Schools (at least 3: elementary, middle, high). Default: students / 560, at least 3.")
    int schools;

    @Option(names = "--guardians-per-student", paramLabel = "G", defaultValue = "1.0",
            description = "Average guardian users per student (default ${DEFAULT-VALUE}).")
    double guardiansPerStudent;

    @Option(names = "--oneroster", paramLabel = "1.1|1.2", defaultValue = "1.1",
            description = "OneRoster version to write (default ${DEFAULT-VALUE}; 1.2 writes the 1.2.1 users header and roles.csv).")
    String version;

    @Option(names = "--seed", paramLabel = "X", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--messy", description = "Inject real-world defects; write PATH.expected-problems.json beside the output.")
    boolean messy;

    @Option(names = "--birth-dates", description = "Write demographics.csv with every student's birth date.")
    boolean birthDates;

    @Option(names = "--day", paramLabel = "K", defaultValue = "0",
            description = "The same district K school days later, with daily churn (default ${DEFAULT-VALUE}, at most 180).")
    int day;

    @Option(names = "--out", required = true, paramLabel = "PATH|PATH.zip", description = "Output folder or ZIP file.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        OneRosterVersion v = switch (version.trim()) {
            case "1.1" -> OneRosterVersion.V1_1;
            case "1.2", "1.2.1" -> OneRosterVersion.V1_2;
            default -> null;
        };
        if (v == null) {
            err.println("--oneroster must be 1.1 or 1.2");
            return RostersyncCommand.EXIT_UNUSABLE;
        }
        GeneratorOptions options;
        if (demo) {
            List<String> given = DISTRICT_OPTIONS.stream()
                    .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o)).toList();
            if (!given.isEmpty()) {
                err.println("--demo is the demo district as it is; it takes only --day and --out, not "
                        + String.join(", ", given));
                return RostersyncCommand.EXIT_UNUSABLE;
            }
            options = DemoDistrict.rosterOptions(day);
        } else if (!spec.commandLine().getParseResult().hasMatchedOption("--students")) {
            err.println("Missing required option: '--students=N' (or --demo)");
            return RostersyncCommand.EXIT_UNUSABLE;
        } else {
            options = new GeneratorOptions(students, schools, guardiansPerStudent, v, seed, messy, day, birthDates);
        }
        try {
            options.validate();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return RostersyncCommand.EXIT_UNUSABLE;
        }
        try {
            GenerationResult result = RosterGenerator.generate(options, out);
            spec.commandLine().getOut().println(result.summary());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("Cannot write " + out + ": " + e.getMessage());
            return RostersyncCommand.EXIT_UNUSABLE;
        }
    }
}
