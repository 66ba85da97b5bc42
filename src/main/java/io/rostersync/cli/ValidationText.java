package io.rostersync.cli;

import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.Problem;
import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.Severity;
import io.rostersync.oneroster.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** The report for people: a summary first, then every detail with its fix. */
final class ValidationText {

    private ValidationText() {
    }

    static void render(Path path, ValidationReport report, PrintWriter out) {
        out.printf("%s: %s%n", path, report.version() == null ? "OneRoster version not recognised"
                : "OneRoster " + report.version());
        if (!report.files().isEmpty()) {
            out.println();
            out.println("Files read:");
            for (FileSummary f : report.files()) {
                out.printf("  %-22s %-6s %,12d %s%s%n", f.file().fileName(), f.mode().label(), f.rows(),
                        f.rows() == 1 ? "row " : "rows",
                        f.rejectedRows() > 0 ? String.format("  (%,d not used)", f.rejectedRows()) : "");
            }
        }
        out.println();
        out.printf("Result: %s, %s%n", plural(report.errors(), "error"), plural(report.warnings(), "warning"));
        summary(report, Severity.ERROR, "Errors", out);
        summary(report, Severity.WARNING, "Warnings", out);
        if (report.problems().isEmpty()) {
            return;
        }
        out.println();
        out.println("Details:");
        Map<ProblemCode, Integer> shown = new EnumMap<>(ProblemCode.class);
        for (Problem p : report.problems()) {
            shown.merge(p.code(), 1, Integer::sum);
            out.printf("  %-7s %s  %s%n", p.severity().label(), where(p), p.code());
            out.printf("          %s%n", p.message());
            if (p.hint() != null) {
                out.printf("          Fix: %s%n", p.hint());
            }
        }
        report.counts().forEach((code, n) -> {
            int s = shown.getOrDefault(code, 0);
            if (n > s) {
                out.printf("  ... and %,d more %s not shown%n", n - s, code);
            }
        });
    }

    private static void summary(ValidationReport report, Severity severity, String title, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        report.counts().forEach((code, n) -> {
            boolean matches = report.problems().stream().filter(p -> p.code() == code).findFirst()
                    .map(p -> p.severity() == severity).orElse(code.severity() == severity);
            if (matches) {
                line.append(line.length() == 0 ? "" : ", ").append(code).append(" ").append(n);
            }
        });
        if (line.length() > 0) {
            out.printf("  %s: %s%n", title, line);
        }
    }

    private static String where(Problem p) {
        StringBuilder b = new StringBuilder();
        b.append(p.file() == null ? "(package)" : p.file());
        if (p.line() != null) {
            b.append(':').append(p.line());
        }
        if (p.column() != null) {
            b.append(" [").append(p.column()).append(']');
        }
        if (p.sourcedId() != null) {
            b.append(" id ").append(p.sourcedId());
        }
        return b.toString();
    }

    private static String plural(int n, String word) {
        return String.format("%,d %s%s", n, word, n == 1 ? "" : "s");
    }
}
