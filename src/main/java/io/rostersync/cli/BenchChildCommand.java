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
import picocli.CommandLine.Parameters;

/** One measured phase in its own JVM; prints "wall-ms rows peak-rss-kb" as its last line. */
@Command(name = "child", hidden = true)
final class BenchChildCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "baseline or validate")
    String phase;

    @Parameters(index = "1")
    Path zip;

    @Override
    public Integer call() throws Exception {
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

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
