package io.rostersync.generator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run wrote.
 *
 * @param output the folder or ZIP
 * @param expectedProblems the expected-problems.json written beside it (--messy), or null
 * @param rows data rows (header excluded) per file name, in package order
 * @param uncompressedBytes bytes of CSV written, all files together
 * @param outputBytes size of the ZIP, or of all files in the folder
 * @param problems the injected defects, in file and line order (empty unless --messy)
 * @param elapsed wall time of the run
 */
public record GenerationResult(Path output, Path expectedProblems, Map<String, Long> rows, long uncompressedBytes,
        long outputBytes, List<ExpectedProblem> problems, Duration elapsed) {

    /** One line: row counts per file and the time taken. */
    public String summary() {
        StringBuilder b = new StringBuilder("Wrote ").append(output).append(':');
        long total = 0;
        for (Map.Entry<String, Long> e : rows.entrySet()) {
            b.append(' ').append(e.getKey()).append('=').append(e.getValue());
            total += e.getValue();
        }
        b.append(" (").append(total).append(" rows, ")
                .append(String.format(java.util.Locale.ROOT, "%.1f MB of CSV", uncompressedBytes / 1e6));
        if (outputBytes != uncompressedBytes) {
            b.append(String.format(java.util.Locale.ROOT, ", %.1f MB zipped", outputBytes / 1e6));
        }
        if (expectedProblems != null) {
            b.append(", ").append(problems.size()).append(" injected problems in ").append(expectedProblems.getFileName());
        }
        b.append(") in ").append(String.format(java.util.Locale.ROOT, "%.2f s", elapsed.toNanos() / 1e9));
        return b.toString();
    }
}
