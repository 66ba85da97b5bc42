package io.rostersync.generator;

import io.rostersync.generator.internal.District;
import io.rostersync.generator.internal.Packager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates a district's OneRoster CSV package: deterministic (same options, same bytes), streaming
 * (memory does not grow with the number of students), with optional day-by-day churn and injected
 * defects.
 */
public final class RosterGenerator {

    private RosterGenerator() {
    }

    /**
     * Writes the package to {@code out}: a ZIP if the name ends in {@code .zip}, otherwise a folder.
     * With --messy, also writes {@link #expectedProblemsPath(Path)}.
     *
     * @throws IllegalArgumentException if the options are wrong
     * @throws IOException if the output cannot be written
     */
    public static GenerationResult generate(GeneratorOptions options, Path out) throws IOException {
        options.validate();
        long start = System.nanoTime();
        District district = new District(options.seed(), options.students(), options.effectiveSchools(),
                options.guardiansPerStudent(), options.version(), options.day(), options.messy(), options.birthDates());
        boolean zip = isZip(out);
        if (!zip && Files.isRegularFile(out)) {
            throw new IOException(out + " is a file, not a folder");
        }
        List<Packager.FileResult> files = Packager.write(district, out, zip);
        Map<String, Long> rows = new LinkedHashMap<>();
        long bytes = 0;
        List<ExpectedProblem> problems = new ArrayList<>();
        for (Packager.FileResult f : files) {
            rows.put(f.name(), f.rows());
            bytes += f.bytes();
            problems.addAll(f.problems());
        }
        // Whole-file findings first, then by line, file by file in package order.
        List<String> order = new ArrayList<>(rows.keySet());
        problems.sort(java.util.Comparator
                .comparingInt((ExpectedProblem p) -> order.indexOf(p.file()))
                .thenComparingInt(p -> p.line() == null ? 0 : p.line()));
        Path expected = expectedProblemsPath(out);
        if (options.messy()) {
            writeProblems(expected, problems);
        } else {
            Files.deleteIfExists(expected);
            expected = null;
        }
        long outputBytes = zip ? Files.size(out) : bytes;
        return new GenerationResult(out, expected, rows, bytes, outputBytes, List.copyOf(problems),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** {@code /x/d.zip} and {@code /x/d} both give {@code /x/d.expected-problems.json}. */
    public static Path expectedProblemsPath(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        if (isZip(abs)) {
            name = name.substring(0, name.length() - 4);
        }
        return abs.resolveSibling(name + ".expected-problems.json");
    }

    static boolean isZip(Path out) {
        Path name = out.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static void writeProblems(Path file, List<ExpectedProblem> problems) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ExpectedProblem p : problems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", p.file());
            m.put("line", p.line());
            m.put("code", p.code());
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("problems", list);
        JsonMapper mapper = JsonMapper.builder().build();
        Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
