package io.rostersync.cli;

import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.OneRosterRestStub;
import io.rostersync.intake.ApiPulls;
import io.rostersync.intake.ApiSource;
import io.rostersync.intake.PullFailedException;
import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.ReadResult;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A district pulled from a OneRoster REST API, beside the same district read as CSV: the generated
 * package is served by {@link OneRosterRestStub} on this machine, pulled page by page into a CSV
 * package, and both packages are then read (validated) as a drop is; the rows must be the same.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Pull a generated district from a OneRoster REST stub on this machine; time, requests and"
                + " the CSV path for the same district beside it.")
final class BenchPullCommand implements Callable<Integer> {

    @Option(names = "--students", paramLabel = "N", defaultValue = "100000",
            description = "Students of the district (default ${DEFAULT-VALUE}).")
    int students;

    @Option(names = "--page", paramLabel = "P", defaultValue = "1000",
            description = "Records per request (default ${DEFAULT-VALUE}).")
    int page;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "bench-data", description = "Where the packages go.")
    Path work;

    @Option(names = "--changes-day", paramLabel = "K", defaultValue = "0",
            description = "Then let the stub serve day K of the school year and pull the changes only"
                    + " (filter=dateLastModified>...), as a district's pulls between whole ones do (0: not).")
    int changesDay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(work);
        Path zip = work.resolve("district-" + students + ".zip");
        BenchSyncCommand.ensureGenerated(GeneratorOptions.of(students), zip, out);
        Path pulled = work.resolve("pulled-" + students);
        deleteFolder(pulled);
        try (OneRosterRestStub stub = OneRosterRestStub.serve(zip, 0, "bench-token")) {
            ApiSource source = new ApiSource(URI.create(stub.baseUrl()), OneRosterVersion.V1_1, ApiSource.Auth.BEARER,
                    null, "bench-token", null, null);
            long started = System.nanoTime();
            ApiPulls.Read read;
            try {
                read = ApiPulls.read(source, pulled, page, true, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), null);
            } catch (PullFailedException e) {
                spec.commandLine().getErr().println(e.getMessage() + " " + e.hint());
                return 1;
            }
            double pullSeconds = (System.nanoTime() - started) / 1e9;
            long bytes = 0;
            for (String f : read.files()) {
                bytes += Files.size(pulled.resolve(f));
            }
            out.printf("pull: %.1f s, %,d requests of %,d records, %,d MB of CSV written%n", pullSeconds,
                    read.requests(), page, bytes / 1_000_000);
            Map<String, Long> viaApi = readRows(pulled, "read (validate) the pulled package", out);
            Map<String, Long> viaCsv = readRows(zip, "read (validate) the generated ZIP", out);
            out.println("rows via the API: " + viaApi);
            out.println("rows via CSV:     " + viaCsv);
            if (!viaApi.equals(viaCsv)) {
                spec.commandLine().getErr().println("the pulled package does not have the CSV's rows");
                return 1;
            }
            out.println("the same rows either way");
            if (changesDay > 0) {
                return pullChanges(stub, source, read, out);
            }
        }
        return 0;
    }

    /** Day K served, then its changes since the whole pull read alone: their time, requests and rows. */
    private int pullChanges(OneRosterRestStub stub, ApiSource source, ApiPulls.Read whole, PrintWriter out)
            throws Exception {
        Path dayZip = work.resolve("district-" + students + "-day" + changesDay + ".zip");
        BenchSyncCommand.ensureGenerated(GeneratorOptions.of(students).withDay(changesDay), dayZip, out);
        long started = System.nanoTime();
        stub.replace(dayZip, java.time.Instant.now(), true);
        out.printf("the stub takes day %d: %.1f s%n", changesDay, (System.nanoTime() - started) / 1e9);
        Path changes = work.resolve("changes-" + students + "-day" + changesDay);
        deleteFolder(changes);
        started = System.nanoTime();
        ApiPulls.Read read;
        try {
            read = ApiPulls.read(source, changes, page, true, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                    whole.asOf());
        } catch (PullFailedException e) {
            spec.commandLine().getErr().println(e.getMessage() + " " + e.hint());
            return 1;
        }
        out.printf("pull of the changes since %s: %.1f s, %,d requests, %,d records%n", whole.asOf(),
                (System.nanoTime() - started) / 1e9, read.requests(),
                read.rows().values().stream().mapToLong(Long::longValue).sum());
        out.println("changed rows: " + new TreeMap<>(read.rows()));
        Map<String, Long> delta = readRows(changes, "read (validate) the package of changes", out);
        out.println("rows read: " + delta);
        return read.changesOnly().isEmpty() ? 1 : 0;
    }

    private static Map<String, Long> readRows(Path pkg, String what, PrintWriter out) {
        long started = System.nanoTime();
        ReadResult result = OneRosterReader.read(pkg);
        out.printf("%s: %.1f s, %s%n", what, (System.nanoTime() - started) / 1e9,
                result.report().hasErrors() ? "with errors" : "no errors");
        Map<String, Long> rows = new TreeMap<>();
        for (FileSummary f : result.report().files()) {
            rows.put(f.file().fileName(), f.rows());
        }
        return rows;
    }

    private static void deleteFolder(Path folder) throws java.io.IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
