package io.rostersync.generator.internal;

import io.rostersync.oneroster.ProblemCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where --messy puts its defects: each row-level defect gets 2 to 4 target positions, spread evenly
 * (with jitter) over a stream of eligible rows of one file. A writer counts its eligible rows and asks
 * which defects are due; a due defect waits for the first row it can be applied to without side effects.
 */
final class DefectPlan {

    static final ProblemCode[] ENROLLMENT_CODES = {ProblemCode.CSV_ROW_WIDTH, ProblemCode.DUPLICATE_SOURCED_ID,
        ProblemCode.REFERENCE_NOT_FOUND, ProblemCode.FIELD_GUID_INVALID, ProblemCode.EXCEL_DATE_FORMAT,
        ProblemCode.FIELD_DATE_INVALID, ProblemCode.ENROLLMENT_ROLE_ESCALATION, ProblemCode.ENROLLMENT_SCHOOL_MISMATCH};
    /** COLUMN_NOT_NEEDED here stands for "fill the password"; it is reported once, for the file. */
    static final ProblemCode[] USER_CODES = {ProblemCode.EXCEL_BOOLEAN_CASE, ProblemCode.EXCEL_LEADING_ZERO_LOST,
        ProblemCode.FIELD_REQUIRED, ProblemCode.ENCODING_INVALID_UTF8, ProblemCode.FIELD_USER_IDS_FORMAT,
        ProblemCode.FIELD_WHITESPACE, ProblemCode.COLUMN_NOT_NEEDED};
    static final ProblemCode[] CLASS_CODES = {ProblemCode.FIELD_ENUM_CASE, ProblemCode.BULK_STATUS_PRESENT,
        ProblemCode.CSV_LINE_BREAK_IN_FIELD};

    /** One file's schedule of defects over its stream of eligible rows. */
    static final class Schedule {
        private final long[] at;
        private final ProblemCode[] code;
        private int next;
        private final List<ProblemCode> due = new ArrayList<>();

        Schedule(long seed, long salt, ProblemCode[] codes, long eligibleRows) {
            List<ProblemCode> all = new ArrayList<>();
            for (ProblemCode c : codes) {
                int n = 2 + Hashing.below(Hashing.h(seed, District.K_DEFECT, salt, c.ordinal()), 3);
                for (int i = 0; i < n; i++) {
                    all.add(c);
                }
            }
            // Deterministic shuffle, then spread over the stream.
            for (int i = all.size() - 1; i > 0; i--) {
                int j = Hashing.below(Hashing.h(seed, District.K_DEFECT, salt, 1000 + i), i + 1);
                ProblemCode t = all.get(i);
                all.set(i, all.get(j));
                all.set(j, t);
            }
            int m = all.size();
            at = new long[m];
            code = all.toArray(new ProblemCode[0]);
            double stride = (double) eligibleRows / m;
            for (int i = 0; i < m; i++) {
                double jitter = 0.1 + 0.6 * Hashing.unit(Hashing.h(seed, District.K_DEFECT, salt, 5000 + i));
                at[i] = (long) Math.floor((i + jitter) * stride);
            }
            Arrays.sort(at);
        }

        /** Moves the defects whose position has come into the due list, and returns that list. */
        List<ProblemCode> due(long ordinal) {
            while (next < at.length && at[next] <= ordinal) {
                due.add(code[next++]);
            }
            return due;
        }
    }

    final Schedule enrollments;
    final Schedule users;
    final Schedule classes;

    DefectPlan(District d) {
        long students = d.students;
        enrollments = new Schedule(d.seed, 1, ENROLLMENT_CODES, Math.max(100, 5 * students));
        users = new Schedule(d.seed, 2, USER_CODES, Math.max(50, students * 7L / 10));
        classes = new Schedule(d.seed, 3, CLASS_CODES, Math.max(10, d.classCount() * 9L / 10));
    }
}
