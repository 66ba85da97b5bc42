package io.rostersync.oneroster;

import java.util.List;
import java.util.Map;

/**
 * Everything validation found: the version, the files read, and the problems. {@code problems}
 * may hold only the first few of a frequent code; {@code counts}, {@code errors} and
 * {@code warnings} always count them all.
 *
 * @param readable false when the input could not be read at all (not a folder, not a ZIP)
 */
public record ValidationReport(OneRosterVersion version, boolean readable, List<FileSummary> files, int errors,
        int warnings, Map<ProblemCode, Integer> counts, List<Problem> problems) {

    public boolean hasErrors() {
        return errors > 0;
    }

    /** How many problems of this code were found, including those whose details were capped. */
    public int count(ProblemCode code) {
        return counts.getOrDefault(code, 0);
    }
}
