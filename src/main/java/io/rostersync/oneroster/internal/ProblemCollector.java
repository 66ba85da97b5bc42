package io.rostersync.oneroster.internal;

import io.rostersync.oneroster.Problem;
import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.RosterFile;
import io.rostersync.oneroster.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers problems: every one is counted, the first {@code detailsPerCode} of each code keep their
 * details. Severity follows strictness here, in one place.
 */
public final class ProblemCollector {

    private final boolean strict;
    private final int detailsPerCode;
    private final Map<ProblemCode, Integer> counts = new EnumMap<>(ProblemCode.class);
    private final List<Entry> details = new ArrayList<>();
    private int errors;
    private int warnings;

    private record Entry(Problem problem, long sequence) {
    }

    public ProblemCollector(boolean strict, int detailsPerCode) {
        this.strict = strict;
        this.detailsPerCode = detailsPerCode;
    }

    public Severity severityOf(ProblemCode code) {
        return code.severity(strict);
    }

    public void report(ProblemCode code, String file, Integer line, String column, String sourcedId, String message,
            String hint) {
        Severity severity = code.severity(strict);
        if (severity == Severity.ERROR) {
            errors++;
        } else {
            warnings++;
        }
        int n = counts.merge(code, 1, Integer::sum);
        if (n <= detailsPerCode) {
            details.add(new Entry(new Problem(code, severity, file, line, column, sourcedId, message,
                    hint == null ? code.fix() : hint), details.size()));
        }
    }

    /** Reports a whole-package finding. */
    public void report(ProblemCode code, String message) {
        report(code, null, null, null, null, message, null);
    }

    /** Reports a whole-file finding. */
    public void reportFile(ProblemCode code, String file, String message) {
        report(code, file, null, null, null, message, null);
    }

    public boolean has(ProblemCode code) {
        return counts.containsKey(code);
    }

    public int errors() {
        return errors;
    }

    public int warnings() {
        return warnings;
    }

    public Map<ProblemCode, Integer> counts() {
        return java.util.Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** Package findings first, then by file in reading order, then by line (whole-file first). */
    public List<Problem> orderedDetails() {
        Comparator<Entry> order = Comparator
                .comparingInt((Entry e) -> fileRank(e.problem().file()))
                .thenComparingLong(e -> e.problem().line() == null ? -1 : e.problem().line())
                .thenComparingLong(Entry::sequence);
        return details.stream().sorted(order).map(Entry::problem).toList();
    }

    /** The package first, then its manifest, then files that were not read, then the files read in order. */
    private static int fileRank(String file) {
        if (file == null) {
            return -3;
        }
        if (file.equals("manifest.csv")) {
            return -2;
        }
        return RosterFile.fromFileName(file).filter(RosterFile::needed).map(Enum::ordinal).orElse(-1);
    }
}
