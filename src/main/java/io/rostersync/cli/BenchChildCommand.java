package io.rostersync.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.ReadResult;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.Callable;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One measured phase in its own JVM. {@code baseline} and {@code validate} print "wall-ms rows
 * peak-rss-kb" as their last line; {@code sync} (one sync of the ZIP into {@code --data-dir}) and
 * {@code copy} (the COPY floor, into a fresh {@code --data-dir}) print one
 * {@link BenchSyncChild#RESULT} line of key=value pairs.
 */
@Command(name = "child", hidden = true)
final class BenchChildCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "baseline, validate, sync or copy")
    String phase;

    @Parameters(index = "1")
    Path zip;

    @Option(names = "--data-dir", description = "sync and copy: the embedded database's data directory")
    Path dataDir;

    @Option(names = "--district", defaultValue = "bench", description = "sync: the district's slug")
    String district;

    @Option(names = "--no-vacuum", description = "sync: skip the VACUUM (ANALYZE) after the measured sync")
    boolean noVacuum;

    @Option(names = "--replan", description = "sync: plan in full even when the files are those of the last applied run")
    boolean replan;

    @Override
    public Integer call() throws Exception {
        if (phase.equals("sync") || phase.equals("copy")) {
            if (dataDir == null) {
                System.err.println(phase + " needs --data-dir");
                return RostersyncCommand.EXIT_UNUSABLE;
            }
            java.util.Map<String, String> result = phase.equals("sync")
                    ? BenchSyncChild.sync(dataDir, district, zip, !noVacuum, replan)
                    : BenchSyncChild.copyFloor(dataDir, zip);
            System.out.println(BenchSyncChild.format(result));
            return 0;
        }
        long start = System.nanoTime();
        long rows = phase.equals("baseline") ? parseOnly(zip) : validate(zip);
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println(wallMs + " " + rows + " " + peakRssKb());
        return 0;
    }

    /** The floor: inflate every CSV of the ZIP and parse it with FastCSV, discarding the rows. */
    static long parseOnly(Path zip) throws Exception {
        long rows = 0;
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                if (!e.getName().endsWith(".csv")) {
                    continue;
                }
                try (CsvReader<CsvRecord> reader = CsvReader.builder()
                        .ofCsvRecord(new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8))) {
                    for (CsvRecord ignored : reader) {
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    private static long validate(Path zip) {
        ReadResult result = OneRosterReader.read(zip);
        if (result.report().hasErrors()) {
            System.err.println("validate found " + result.report().errors() + " errors");
        }
        // rows of the files read, plus their headers, to compare with the baseline's records
        return result.report().files().stream().mapToLong(FileSummary::rows).sum()
                + result.report().files().size();
    }

    /** This process's peak resident set (VmHWM), in kB; -1 where /proc/self/status has none. */
    static long peakRssKb() throws java.io.IOException {
        return vmHwmKb(Files.readAllLines(Path.of("/proc/self/status")));
    }

    /** The VmHWM line of a /proc/PID/status ("VmHWM:\t  123456 kB"), in kB; -1 without one. */
    static long vmHwmKb(java.util.List<String> status) {
        for (String line : status) {
            if (line.startsWith("VmHWM:")) {
                String value = line.substring("VmHWM:".length()).trim();
                if (!value.endsWith("kB")) {
                    throw new IllegalArgumentException("unexpected unit in " + line);
                }
                return Long.parseLong(value.substring(0, value.length() - 2).trim());
            }
        }
        return -1;
    }
}
