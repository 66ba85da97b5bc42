package io.rostersync.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.rostersync.directory.EntityKind;
import io.rostersync.generator.GenerationResult;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench sync}: the generator's district synced into one embedded PostgreSQL data directory
 * (first sync of day 0, a no-change re-sync of day 0, a sync of day 1), each step in a fresh JVM,
 * beside two floors measured in the same run (a bare unzip and parse of the day-0 ZIP, and a plain
 * COPY of its users, classes and enrollments into the same tables of a separate data directory).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Time a first sync, a no-change re-sync and a day-1 sync of a generated district on the"
            + " embedded PostgreSQL, beside a bare unzip+parse and a plain COPY of the same rows.",
            "Prints a Markdown table and writes it to WORK/results.md."})
final class BenchSyncCommand implements Callable<Integer> {

    static final List<String> STAGES = List.of("reading", "schools", "people", "classrooms", "enrollments", "guardians",
            "guard", "apply");

    @Option(names = "--students", paramLabel = "N", defaultValue = "1000000",
            description = "District size (default ${DEFAULT-VALUE}).")
    int students;

    @Option(names = "--guardians-per-student", paramLabel = "G", defaultValue = "1.0",
            description = "Average guardians per student (default ${DEFAULT-VALUE}).")
    double guardiansPerStudent;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "bench-data",
            description = "Folder for the ZIPs, the data directories and results.md (default ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "2g",
            description = "-Xmx of each measured JVM (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--birth-dates", description = "Packages with demographics.csv, every student's birth date"
            + " (named ...-birth-dates.zip).")
    boolean birthDates;

    static final String SWITCH = "day 1 again under new user and class ids";

    @Option(names = "--switch", description = {"After day 1, sync day 1 again with every user and class under a new",
        "id, as a district that moves from its SIS's CSV to Clever sends it: people and classrooms should keep their",
        "records."})
    boolean switchSource;

    @Option(names = "--no-vacuum", description = {"Skip the VACUUM (ANALYZE) after each sync step (outside the"
        + " measurement). Without it the next step plans its queries on tables that were never analyzed;"
        + " see docs/benchmarks.md."})
    boolean noVacuum;

    @Spec
    CommandSpec spec;

    /** One measured step: its name, the ZIP it read and the child's figures, or why the child failed. */
    record Step(String name, Path zip, long zipRows, Map<String, String> figures, double processSeconds,
            long dataDirBytes, String failure) {

        long number(String key) {
            String v = figures.get(key);
            return v == null ? -1 : Long.parseLong(v);
        }

        double wallSeconds() {
            return number("wallMs") / 1000.0;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GeneratorOptions day0 = GeneratorOptions.of(students).withGuardiansPerStudent(guardiansPerStudent)
                .withBirthDates(birthDates);
        try {
            day0.validate();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return RostersyncCommand.EXIT_UNUSABLE;
        }
        work = work.toAbsolutePath().normalize();
        Files.createDirectories(work);
        String commandLine = "java -jar " + jarName() + " "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String loadBefore = loadAverage();
        Path zip0 = work.resolve(zipName(0));
        Path zip1 = work.resolve(zipName(1));
        Map<String, Long> rows0 = ensureGenerated(day0, zip0, out);
        Map<String, Long> rows1 = ensureGenerated(day0.withDay(1), zip1, out);
        long total0 = rows0.values().stream().mapToLong(Long::longValue).sum();
        long total1 = rows1.values().stream().mapToLong(Long::longValue).sum();
        List<String> jvm = List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError");

        out.println("floor: unzip + FastCSV parse of " + zip0.getFileName());
        out.flush();
        long started = System.nanoTime();
        List<String> lines = BenchCommand.child(jvm, List.of("baseline", zip0.toString()));
        BenchCommand.Measurement parse = BenchCommand.Measurement.parse(lines.get(lines.size() - 1));
        double parseProcess = (System.nanoTime() - started) / 1e9;
        out.println("  " + parse);

        Path copyDir = work.resolve("copy-floor-db");
        deleteDataDirectory(copyDir);
        Step copy = step("floor: COPY users, classes, enrollments, day 0", "copy", zip0, total0, copyDir, jvm, out);
        deleteDataDirectory(copyDir);

        Path syncDir = work.resolve("sync-db");
        deleteDataDirectory(syncDir);
        List<Step> syncs = new ArrayList<>();
        syncs.add(step("first sync (day 0, empty district)", "sync", zip0, total0, syncDir, jvm, out));
        syncs.add(step("no-change re-sync (day 0 again)", "sync", zip0, total0, syncDir, jvm, out));
        syncs.add(step("no-change re-sync, planned in full (--replan)", "sync", zip0, total0, syncDir, jvm, out,
                "--replan"));
        syncs.add(step("sync of day 1 (churn)", "sync", zip1, total1, syncDir, jvm, out));
        if (switchSource) {
            Path switched = work.resolve(zipName(1).replace(".zip", "-new-user-and-class-ids.zip"));
            if (!Files.exists(switched)) {
                out.println("writing " + switched.getFileName() + ": day 1 with every user and class under a new id,"
                        + " users sorted by id");
                out.flush();
                SourceSwitch.renameUsersAndClasses(zip1, switched);
            }
            syncs.add(step(SWITCH + " (a switch between CSV and an API)", "sync", switched, total1, syncDir, jvm,
                    out));
        }

        String markdown = markdown(commandLine, loadBefore, loadAverage(), zip0, zip1, rows0, rows1, parse,
                parseProcess, copy, syncs);
        out.println();
        out.print(markdown);
        out.flush();
        Files.writeString(work.resolve("results.md"), markdown, StandardCharsets.UTF_8);
        out.println("written to " + work.resolve("results.md"));
        List<String> wrong = new ArrayList<>(problems(syncs));
        if (copy.failure() != null) {
            wrong.add(0, copy.name() + " failed: " + copy.failure());
        }
        wrong.forEach(spec.commandLine().getErr()::println);
        return wrong.isEmpty() ? 0 : 1;
    }

    /** What a correct run must show: every step applied, and nothing changed by the re-sync. */
    static List<String> problems(List<Step> syncs) {
        List<String> wrong = new ArrayList<>();
        for (Step s : syncs) {
            if (s.failure() != null) {
                wrong.add(s.name() + " failed: " + s.failure());
                continue;
            }
            String status = s.figures().get("status");
            if (s.name().startsWith(SWITCH)) {
                // the people keep their records; a guardian no rule ties is new, and the old one's archive may
                // be held for an admin (the guard's thresholds)
                if (s.number("count.students.created") != 0 || s.number("count.students.archived") != 0) {
                    wrong.add(s.name() + " made " + s.number("count.students.created") + " students and archived "
                            + s.number("count.students.archived") + ": the same students should keep their records");
                }
                continue;
            }
            if (!"applied".equals(status) && !"applied_with_warnings".equals(status)) {
                wrong.add(s.name() + " was " + status + ", not applied");
            }
        }
        for (Step s : syncs) {
            if (s.name().startsWith("no-change") && s.failure() == null && s.number("changes") != 0) {
                wrong.add(s.name() + " changed " + s.number("changes") + " records");
            }
        }
        return wrong;
    }

    private String zipName(int day) {
        String g = guardiansPerStudent == 1.0 ? "" : "-g" + String.format(Locale.ROOT, "%s", guardiansPerStudent);
        // day 0 with the defaults is the very package bench validate writes (same options, same bytes)
        return "district-" + students + g + (day == 0 ? "" : "-day" + day) + (birthDates ? "-birth-dates" : "") + ".zip";
    }

    /**
     * Generates the package unless it is there, and returns its data rows per file (headers excluded),
     * from the generator, or from the {@code .rows} file written beside it, or by counting.
     */
    static Map<String, Long> ensureGenerated(GeneratorOptions options, Path zip, PrintWriter out) throws IOException {
        Path rowsFile = zip.resolveSibling(zip.getFileName() + ".rows");
        if (Files.isRegularFile(zip)) {
            Map<String, Long> rows = Files.isRegularFile(rowsFile) ? readRows(rowsFile) : countRows(zip);
            writeRows(rowsFile, rows);
            out.printf("reusing %s (%,d bytes)%n", zip, Files.size(zip));
            out.flush();
            return rows;
        }
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial.zip");
        GenerationResult generated = RosterGenerator.generate(options, partial);
        Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeRows(rowsFile, generated.rows());
        out.println(generated.summary().replace(partial.toString(), zip.toString()));
        out.flush();
        return generated.rows();
    }

    /** Data rows (records after the header) of each CSV entry of a ZIP, in entry order. */
    static Map<String, Long> countRows(Path zip) throws IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntriesInPhysicalOrder())) {
                if (!e.getName().endsWith(".csv")) {
                    continue;
                }
                long n = 0;
                try (CsvReader<CsvRecord> reader = CsvReader.builder()
                        .ofCsvRecord(new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8))) {
                    for (CsvRecord ignored : reader) {
                        n++;
                    }
                }
                rows.put(e.getName(), Math.max(0, n - 1));
            }
        }
        return rows;
    }

    private static Map<String, Long> readRows(Path file) throws IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.lastIndexOf('=');
            if (eq > 0) {
                rows.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
            }
        }
        return rows;
    }

    /**
     * Reads the ZIP through once, untimed, so that each step finds its input in the page cache, as
     * a drop that was just uploaded is: day 0's ZIP is read by every step before the churn's, while
     * day 1's is read by that step alone and may have left the cache (its reading stage took 3 to
     * 4 s longer than the others' in some runs).
     */
    static void readOnce(Path zip) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (java.io.InputStream in = Files.newInputStream(zip)) {
            while (in.read(buffer) >= 0) {
                // nothing to do with the bytes
            }
        }
    }

    private static void writeRows(Path file, Map<String, Long> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        rows.forEach((name, n) -> b.append(name).append('=').append(n).append('\n'));
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    private Step step(String name, String phase, Path zip, long zipRows, Path dataDir, List<String> jvm,
            PrintWriter out, String... extra) throws IOException, InterruptedException {
        out.println(name + ": " + zip.getFileName());
        out.flush();
        readOnce(zip);
        long started = System.nanoTime();
        List<String> args = new ArrayList<>(List.of(phase, zip.toString(), "--data-dir", dataDir.toString()));
        args.addAll(List.of(extra));
        if (noVacuum && phase.equals("sync")) {
            args.add("--no-vacuum");
        }
        List<String> lines;
        try {
            lines = BenchCommand.child(jvm, args);
        } catch (IOException e) {
            // an OutOfMemoryError ends the child (ExitOnOutOfMemoryError); report it and go on
            double process = (System.nanoTime() - started) / 1e9;
            awaitServerStopped(dataDir);
            out.println("  FAILED: " + e.getMessage());
            out.flush();
            return new Step(name, zip, zipRows, Map.of(), process, sizeOf(dataDir), e.getMessage());
        }
        double process = (System.nanoTime() - started) / 1e9;
        awaitServerStopped(dataDir);
        Step step = new Step(name, zip, zipRows, BenchSyncChild.parse(lines), process, sizeOf(dataDir), null);
        out.printf(Locale.ROOT, "  %.1f s (process %.1f s), %s, %,d MB RSS%n", step.wallSeconds(), process,
                step.figures().getOrDefault("status", step.figures().get("rows") + " rows"),
                step.number("rssKb") / 1024);
        out.flush();
        return step;
    }

    /**
     * The child stops its server on exit, but PostgreSQL may still be writing when the embedded
     * server's 5 s stop wait ends: wait for it, so that it does not run into the next measurement.
     */
    private static void awaitServerStopped(Path dataDir) throws InterruptedException {
        Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
        for (int i = 0; i < 600 && Files.exists(pid); i++) {
            Thread.sleep(500);
        }
    }

    /** Removes a data directory this benchmark made, refusing while a server still runs in it. */
    static void deleteDataDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Path pidFile = dir.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("")
                    .trim();
            if (first.matches("\\d+")
                    && ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IOException("a PostgreSQL server (pid " + first + ") still runs in " + dir
                        + "; stop it (kill -INT " + first + ") and run again");
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static String jarName() {
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            Path jar = Path.of(classPath).toAbsolutePath().normalize();
            Path here = Path.of("").toAbsolutePath();
            return jar.startsWith(here) ? here.relativize(jar).toString() : jar.toString();
        }
        return "target/rostersync.jar";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    String markdown(String commandLine, String loadBefore, String loadAfter, Path zip0, Path zip1,
            Map<String, Long> rows0, Map<String, Long> rows1, BenchCommand.Measurement parse, double parseProcess,
            Step copy, List<Step> syncs) throws IOException {
        StringBuilder b = new StringBuilder();
        Properties machine = System.getProperties();
        b.append(String.format(Locale.ROOT, "### bench sync: %,d students, %s guardians per student%n%n", students,
                guardiansPerStudent));
        b.append("    ").append(commandLine).append("\n\n");
        b.append(String.format(Locale.ROOT, "%d cores, %s %s; load average %s before, %s after. Each step in a fresh"
                + " JVM (`%s`), its ZIP read through once beforehand (in the page cache, as a drop just uploaded); stages and wall from the sync's stage callback; peak RSS is the child JVM's VmHWM"
                + " (the PostgreSQL server's own memory is not in it); heap is the most used just before a GC"
                + " (and, after the slash, the most still used after one).%n%n",
                Runtime.getRuntime().availableProcessors(), machine.getProperty("java.vm.name"),
                machine.getProperty("java.version"), loadBefore, loadAfter,
                "-Xmx" + heap + " -XX:+ExitOnOutOfMemoryError"));
        b.append(String.format(Locale.ROOT, "Day 0: `%s` (%,d bytes); day 1: `%s` (%,d bytes).%n%n",
                zip0.getFileName(), Files.size(zip0), zip1.getFileName(), Files.size(zip1)));
        b.append("| file | day 0 rows | day 1 rows |\n| --- | ---: | ---: |\n");
        List<String> files = new ArrayList<>(rows0.keySet());
        rows1.keySet().stream().filter(f -> !files.contains(f)).forEach(files::add);
        for (String f : files) {
            b.append(String.format(Locale.ROOT, "| %s | %,d | %,d |%n", f, rows0.getOrDefault(f, 0L),
                    rows1.getOrDefault(f, 0L)));
        }
        b.append(String.format(Locale.ROOT, "| all | %,d | %,d |%n%n", sum(rows0), sum(rows1)));

        b.append("| step | wall s | rows | rows/s | peak RSS MB | peak heap MB | database MB | data dir MB"
                + " | JVM process s | status, changes |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        b.append(String.format(Locale.ROOT, "| floor: unzip + FastCSV parse, day 0 | %.1f | %,d | %,.0f | %,d | | |"
                + " | %.1f | |%n", parse.wallSeconds(), parse.rows(), parse.rows() / parse.wallSeconds(),
                parse.peakRssKb() / 1024, parseProcess));
        List<Step> all = new ArrayList<>();
        all.add(copy);
        all.addAll(syncs);
        for (Step s : all) {
            if (s.failure() != null) {
                b.append(String.format(Locale.ROOT, "| %s | | | | | | | | %.1f | FAILED: %s |%n", s.name(),
                        s.processSeconds(), s.failure()));
                continue;
            }
            long rows = s == copy ? s.number("rows") : s.zipRows();
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %,d | %,.0f | %,d | %s | %.0f | %s | %.1f | %s |%n",
                    s.name(), s.wallSeconds(), rows, rows / s.wallSeconds(), s.number("rssKb") / 1024, heap(s),
                    s.number("dbBytes") / 1e6,
                    s == copy ? "" : String.format(Locale.ROOT, "%.0f", s.dataDirBytes() / 1e6),
                    s.processSeconds(), s == copy ? "" : s.figures().get("status") + ", "
                            + String.format(Locale.ROOT, "%,d", s.number("changes"))));
        }
        b.append('\n');
        if (syncs.size() > 2 && syncs.get(1).failure() == null && syncs.get(2).failure() == null) {
            b.append(String.format(Locale.ROOT, "**No-change re-sync / bare parse: %.2f** (target: within 3x);"
                    + " planned in full: %.2f.", syncs.get(1).wallSeconds() / parse.wallSeconds(),
                    syncs.get(2).wallSeconds() / parse.wallSeconds()));
        }
        if (syncs.get(0).failure() == null && copy.failure() == null) {
            b.append(String.format(Locale.ROOT, " First sync / COPY floor: %.2f.", syncs.get(0).wallSeconds()
                    / copy.wallSeconds()));
        }
        b.append("\n\n");

        List<Step> done = syncs.stream().filter(s -> s.failure() == null).toList();
        b.append("Stage times, s (each stage runs until the next is reached; apply includes the commit):\n\n| step |");
        List<String> stages = new ArrayList<>(STAGES);
        done.forEach(s -> s.figures().keySet().stream().filter(k -> k.startsWith("stage."))
                .map(k -> k.substring("stage.".length())).filter(k -> !stages.contains(k)).forEach(stages::add));
        stages.forEach(st -> b.append(' ').append(st).append(" |"));
        b.append("\n| --- |").append(" ---: |".repeat(stages.size())).append('\n');
        for (Step s : done) {
            b.append("| ").append(s.name()).append(" |");
            for (String st : stages) {
                long ms = s.number("stage." + st);
                b.append(ms < 0 ? " |" : String.format(Locale.ROOT, " %.1f |", ms / 1000.0));
            }
            b.append('\n');
        }
        b.append("\nCounts, created / updated / archived / restored (unchanged):\n\n| step |");
        for (EntityKind k : EntityKind.values()) {
            b.append(' ').append(k.label()).append(" |");
        }
        b.append("\n| --- |").append(" --- |".repeat(EntityKind.values().length)).append('\n');
        for (Step s : done) {
            b.append("| ").append(s.name()).append(" |");
            for (EntityKind k : EntityKind.values()) {
                String p = "count." + k.label() + ".";
                b.append(String.format(Locale.ROOT, " %,d / %,d / %,d / %,d (%,d) |", s.number(p + "created"),
                        s.number(p + "updated"), s.number(p + "archived"), s.number(p + "restored"),
                        s.number(p + "unchanged")));
            }
            b.append('\n');
        }
        b.append('\n');
        for (Step s : done) {
            b.append(String.format(Locale.ROOT, "- %s: run %s, %s source records skipped, %s reader problems;"
                    + " embedded server start %.1f s; after the measurement, VACUUM (ANALYZE) %s, CHECKPOINT %.1f s;"
                    + " sum of the heap pools' peaks %,d MB.%n",
                    s.name(), s.figures().get("run"), s.figures().get("skips"), s.figures().get("problems"),
                    s.number("openMs") / 1000.0, s.number("vacuumMs") < 0 ? "skipped (--no-vacuum)"
                            : String.format(Locale.ROOT, "%.1f s", s.number("vacuumMs") / 1000.0),
                    s.number("checkpointMs") / 1000.0, s.number("heapPoolPeaksKb") / 1024));
        }
        if (copy.failure() == null) {
            b.append(String.format(Locale.ROOT, "- COPY floor: %,d users, %,d classes, %,d enrollments into person,"
                    + " classroom and classroom_member of a separate data directory (one transaction, ids from"
                    + " sourcedId maps; no source links, roles, guardian links or journal).%n",
                    copy.number("rows.users"), copy.number("rows.classes"), copy.number("rows.enrollments")));
        }
        return b.toString();
    }

    private static String heap(Step s) {
        return String.format(Locale.ROOT, "%,d / %,d", s.number("heapUsedKb") / 1024, s.number("heapAfterGcKb") / 1024);
    }

    private static long sum(Map<String, Long> rows) {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
