package io.rostersync.cli;

import io.rostersync.storage.Database;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.RunStatus;
import io.rostersync.sync.Syncs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Sync a OneRoster package (a folder or a ZIP) into a district's directory, or approve a held run.",
            "The district is created, with default settings, on first use.",
            "Exit status: 0 applied (or previewed), 3 held for an admin, 1 rejected or failed, 2 wrong arguments."})
final class SyncCommand implements Callable<Integer> {

    static final int EXIT_HELD = 3;

    @Parameters(paramLabel = "PATH", arity = "0..1", description = "A folder of OneRoster CSV files, or a ZIP of them.")
    Path path;

    @Option(names = "--district", required = true, paramLabel = "SLUG", description = "The district, e.g. maple-valley.")
    String district;

    @Option(names = "--dry-run", description = "Preview: report what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--replan", description = {"Plan every record even when the files are, byte for byte, those of",
        "the last applied run (such a run changes nothing, so it is normally not planned again)."})
    boolean replan;

    @Option(names = "--approve", paramLabel = "RUN", description = "Apply the waiting archives of a held run.")
    Long approve;

    @Option(names = "--override-threshold", paramLabel = "REASON",
            description = "Let this one run archive more than the district's thresholds allow (never a broken package).")
    String overrideReason;

    @Option(names = "--format", defaultValue = "text", description = "text (for people) or json (for machines).")
    ValidateCommand.Format format;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (approve == null && path == null) {
            err.println("sync needs a PATH to a package, or --approve RUN");
            return RostersyncCommand.EXIT_UNUSABLE;
        }
        if (approve != null && (path != null || dryRun || replan || overrideReason != null)) {
            err.println("--approve RUN takes no PATH, --dry-run, --replan or --override-threshold");
            return RostersyncCommand.EXIT_UNUSABLE;
        }
        if (overrideReason != null && overrideReason.isBlank()) {
            err.println("--override-threshold needs a reason");
            return RostersyncCommand.EXIT_UNUSABLE;
        }
        try (Database db = database.open()) {
            Syncs syncs = new Syncs(db.dataSource(), database.secrets());
            RunReport report;
            StageTimes times = new StageTimes();
            if (approve != null) {
                report = syncs.approve(district, approve, "cli:" + System.getProperty("user.name"));
            } else {
                try (ProgressBar bar = progressBar()) {
                    Syncs.Request request = Syncs.Request.of(district, path).withDryRun(dryRun)
                            .withReplan(replan).withOverride(overrideReason).withStage(stage -> {
                                times.reached(stage);
                                if (bar != null) {
                                    bar.step();
                                    bar.setExtraMessage(stage);
                                }
                            });
                    report = syncs.sync(request);
                    times.reached("done");
                    if (bar != null) {
                        bar.stepTo(bar.getMax());
                    }
                }
            }
            print(report, format, out);
            if (approve == null && format == ValidateCommand.Format.text) {
                out.println("  Took " + times.summary());
                out.flush();
            }
            return exitCode(report);
        } catch (Syncs.SyncException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    static void print(RunReport report, ValidateCommand.Format format, PrintWriter out) {
        if (format == ValidateCommand.Format.json) {
            out.println(report.toJson());
        } else {
            RunText.render(report, out);
        }
        out.flush();
    }

    static int exitCode(RunReport report) {
        if (report.status() == RunStatus.HELD) {
            return EXIT_HELD;
        }
        return List.of(RunStatus.REJECTED, RunStatus.FAILED).contains(report.status()) ? 1 : 0;
    }

    /** How long each stage of a run took, for the operator (and the benchmark). */
    static final class StageTimes {
        private final java.util.LinkedHashMap<String, Long> started = new java.util.LinkedHashMap<>();

        void reached(String stage) {
            started.put(stage, System.nanoTime());
        }

        String summary() {
            StringBuilder b = new StringBuilder();
            String previous = null;
            long first = 0;
            long last = 0;
            for (var e : started.entrySet()) {
                if (previous == null) {
                    first = e.getValue();
                } else {
                    b.append(String.format("%s %.1f s, ", previous, (e.getValue() - last) / 1e9));
                }
                previous = e.getKey();
                last = e.getValue();
            }
            return b.append(String.format("in all %.1f s", (last - first) / 1e9)).toString();
        }
    }

    /** A bar on stderr, only when a person watches it. */
    private static ProgressBar progressBar() {
        if (System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("sync").setInitialMax(8).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
    }
}
