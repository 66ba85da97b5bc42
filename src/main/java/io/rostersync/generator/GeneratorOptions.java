package io.rostersync.generator;

import io.rostersync.oneroster.OneRosterVersion;

/**
 * What to generate. {@code schools} 0 means the default (one per 560 students, at least 3).
 *
 * @param students number of students on day 0 (1 to 20,000,000)
 * @param schools number of schools, at least 3 (one of each level), or 0 for the default
 * @param guardiansPerStudent average guardian users per student (0 to 4)
 * @param version OneRoster 1.1 or 1.2 (written as 1.2.1)
 * @param seed the seed every choice derives from
 * @param messy inject real-world defects and write the expected problems beside the output
 * @param day school days after day 0, with daily churn applied (0 to 180)
 * @param birthDates write demographics.csv with every student's birth date (and nothing else of them)
 */
public record GeneratorOptions(int students, int schools, double guardiansPerStudent, OneRosterVersion version,
        long seed, boolean messy, int day, boolean birthDates) {

    public GeneratorOptions(int students, int schools, double guardiansPerStudent, OneRosterVersion version,
            long seed, boolean messy, int day) {
        this(students, schools, guardiansPerStudent, version, seed, messy, day, false);
    }

    public static final int MAX_STUDENTS = 20_000_000;
    public static final int MAX_DAY = 180;
    /** --messy needs enough rows to place every defect a few times. */
    public static final int MIN_MESSY_STUDENTS = 200;

    /** Default options for n students: OneRoster 1.1, one guardian per student, seed 1, day 0, clean. */
    public static GeneratorOptions of(int students) {
        return new GeneratorOptions(students, 0, 1.0, OneRosterVersion.V1_1, 1L, false, 0);
    }

    public GeneratorOptions withSchools(int n) {
        return new GeneratorOptions(students, n, guardiansPerStudent, version, seed, messy, day, birthDates);
    }

    public GeneratorOptions withGuardiansPerStudent(double g) {
        return new GeneratorOptions(students, schools, g, version, seed, messy, day, birthDates);
    }

    public GeneratorOptions withVersion(OneRosterVersion v) {
        return new GeneratorOptions(students, schools, guardiansPerStudent, v, seed, messy, day, birthDates);
    }

    public GeneratorOptions withSeed(long s) {
        return new GeneratorOptions(students, schools, guardiansPerStudent, version, s, messy, day, birthDates);
    }

    public GeneratorOptions withMessy(boolean m) {
        return new GeneratorOptions(students, schools, guardiansPerStudent, version, seed, m, day, birthDates);
    }

    public GeneratorOptions withDay(int k) {
        return new GeneratorOptions(students, schools, guardiansPerStudent, version, seed, messy, k, birthDates);
    }

    public GeneratorOptions withBirthDates(boolean b) {
        return new GeneratorOptions(students, schools, guardiansPerStudent, version, seed, messy, day, b);
    }

    /** The number of schools to generate: as given, or max(3, round(students / 560)). */
    public int effectiveSchools() {
        return schools > 0 ? schools : (int) Math.max(3, Math.round(students / 560.0));
    }

    /** Throws IllegalArgumentException naming the first wrong option. */
    public void validate() {
        if (students < 1 || students > MAX_STUDENTS) {
            throw new IllegalArgumentException("--students must be between 1 and " + MAX_STUDENTS);
        }
        if (schools != 0 && (schools < 3 || schools > 100_000)) {
            throw new IllegalArgumentException("--schools must be at least 3 (one elementary, middle and high school)"
                    + " and at most 100000");
        }
        if (schools > students) {
            throw new IllegalArgumentException("--schools cannot exceed --students");
        }
        if (!(guardiansPerStudent >= 0 && guardiansPerStudent <= 4)) {
            throw new IllegalArgumentException("--guardians-per-student must be between 0 and 4");
        }
        if (version != OneRosterVersion.V1_1 && version != OneRosterVersion.V1_2) {
            throw new IllegalArgumentException("--oneroster must be 1.1 or 1.2");
        }
        if (day < 0 || day > MAX_DAY) {
            throw new IllegalArgumentException("--day must be between 0 and " + MAX_DAY + " (school days in the year)");
        }
        if (messy && students < MIN_MESSY_STUDENTS) {
            throw new IllegalArgumentException("--messy needs at least " + MIN_MESSY_STUDENTS + " students");
        }
    }
}
