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
                read = ApiPulls.read(source, pulled, page, true, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
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
        }
        return 0;
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
