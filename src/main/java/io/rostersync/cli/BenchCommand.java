package io.rostersync.cli;

import io.rostersync.generator.GenerationResult;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Benchmarks, run by hand (never by the test suite). Each measured phase runs in a fresh JVM with
 * its own heap limit, so wall time and peak RSS belong to that phase alone.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (run by hand; results go to docs/benchmarks.md).",
        subcommands = {BenchCommand.Validate.class, BenchSyncCommand.class, BenchDirectoryCommand.class,
            BenchDuplicatesCommand.class, BenchPullCommand.class,
            BenchChildCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Time validate against a bare unzip-and-parse of the same ZIP.")
    static final class Validate implements Callable<Integer> {

        @Option(names = "--students", defaultValue = "1000000", description = "District size to generate.")
        int students;

        @Option(names = "--runs", defaultValue = "3", description = "Runs of each phase; the median is reported.")
        int runs;

        @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of each measured JVM.")
        String heap;

        @Option(names = "--work", defaultValue = "bench-data", description = "Folder for the generated ZIP.")
        Path work;

        @Parameters(arity = "0..1", paramLabel = "ZIP", description = "An existing package instead of generating one.")
        Path input;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path zip = input;
            if (zip == null) {
                Files.createDirectories(work);
                zip = work.resolve("district-" + students + ".zip");
                long start = System.nanoTime();
                GenerationResult generated = RosterGenerator.generate(GeneratorOptions.of(students), zip);
                out.printf("generated %s in %.1f s: %s%n", zip, (System.nanoTime() - start) / 1e9,
                        generated.summary());
                out.flush();
            }
            out.printf("package: %s (%,d bytes)%n", zip, Files.size(zip));
            List<Measurement> baseline = new ArrayList<>();
            List<Measurement> validate = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                baseline.add(child("baseline", zip));
                validate.add(child("validate", zip));
                out.printf("run %d: baseline %s | validate %s%n", i + 1, baseline.get(i), validate.get(i));
                out.flush();
            }
            Measurement b = median(baseline);
            Measurement v = median(validate);
            out.printf("%nmedian of %d runs, -Xmx%s, %d cores%n", runs, heap, Runtime.getRuntime().availableProcessors());
            out.printf("| phase | wall s | rows | rows/s | peak RSS MB |%n| --- | --- | --- | --- | --- |%n");
            out.println(b.row("unzip + FastCSV parse (baseline)"));
            out.println(v.row("validate"));
            out.printf("ratio validate / baseline: %.2f%n", v.wallSeconds() / b.wallSeconds());
            return 0;
        }

        private Measurement child(String phase, Path zip) throws IOException, InterruptedException {
            List<String> lines = BenchCommand.child(List.of("-Xmx" + heap), List.of(phase, zip.toString()));
            if (lines.isEmpty()) {
                throw new IOException(phase + " child printed nothing");
            }
            return Measurement.parse(lines.get(lines.size() - 1));
        }

        private static Measurement median(List<Measurement> all) {
            List<Measurement> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparingDouble(Measurement::wallSeconds));
            return sorted.get(sorted.size() / 2);
        }
    }

    /**
     * Runs {@code bench child ARGS} in a fresh JVM (same jar or class path, the given JVM options)
     * and returns its standard output, line by line; its standard error goes to ours.
     *
     * @throws IOException when the child exits with a non-zero status (its output is on our stderr)
     */
    static List<String> child(List<String> jvmOptions, List<String> childArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, Main.class.getName()));
        }
        command.addAll(List.of("bench", "child"));
        command.addAll(childArgs);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        }
        if (p.waitFor() != 0) {
            lines.forEach(System.err::println);
            throw new IOException("bench child " + String.join(" ", childArgs) + " failed with exit status "
                    + p.exitValue());
        }
        return lines;
    }

    /** One phase's result, as the child prints it on its last line: wall-ms rows peak-rss-kb. */
    record Measurement(double wallSeconds, long rows, long peakRssKb) {

        static Measurement parse(String line) {
            String[] parts = line.trim().split("\\s+");
            return new Measurement(Long.parseLong(parts[0]) / 1000.0, Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }

        String row(String name) {
            return String.format("| %s | %.1f | %,d | %,.0f | %,d |", name, wallSeconds, rows, rows / wallSeconds,
                    peakRssKb / 1024);
        }

        @Override
        public String toString() {
            return String.format("%.1f s, %,d rows, %,d MB RSS", wallSeconds, rows, peakRssKb / 1024);
        }
    }
}
