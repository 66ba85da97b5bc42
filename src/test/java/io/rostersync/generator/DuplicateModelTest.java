package io.rostersync.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The duplicate model draws each difference about as often as docs/benchmarks.md says, and a copy
 * differs from its original exactly as it records.
 */
class DuplicateModelTest {

    private static final long[] SCHOOLS = {11, 12, 13, 14};
    private static final DuplicateModel.Original[] ORIGINALS = {
        new DuplicateModel.Original("William", "Baker-Hughes", "05", "100234", 11, "pat@example.org"),
        new DuplicateModel.Original("María José", "Núñez", "KG", "100235", 12, null),
        new DuplicateModel.Original("Bo", "Li", "11", "100236", 13, "li@example.org"),
        new DuplicateModel.Original("Jakub", "Wiśniewski", "01", "100237", 14, "jw@example.org"),
    };

    @Test
    void eachCopyDiffersAsItSaysAndTheFrequenciesAreTheModels() {
        Random rng = new Random(1);
        Map<DuplicateModel.NumberChange, Integer> numbers = new EnumMap<>(DuplicateModel.NumberChange.class);
        int moved = 0;
        int lastYear = 0;
        int runs = 20_000;
        for (int i = 0; i < runs; i++) {
            DuplicateModel.Original o = ORIGINALS[i % ORIGINALS.length];
            DuplicateModel.Copy c = DuplicateModel.copy(o, SCHOOLS, rng);
            numbers.merge(c.number(), 1, Integer::sum);
            switch (c.name()) {
                case NONE -> assertThat(c.givenName() + c.familyName()).isEqualTo(o.givenName() + o.familyName());
                case NICKNAME -> assertThat(c.givenName()).isNotEqualTo(o.givenName());
                case TYPO -> assertThat(c.givenName().equals(o.givenName()) != c.familyName().equals(o.familyName()))
                        .as("one name slipped: %s", c).isTrue();
                case CAPITALS -> assertThat(c.familyName()).isEqualTo(o.familyName().toUpperCase(java.util.Locale.ROOT));
                case NAMES_SWAPPED -> assertThat(c.givenName()).isEqualTo(o.familyName());
                case SECOND_FAMILY_NAME_DROPPED -> assertThat(o.familyName()).startsWith(c.familyName() + "-");
                case ACCENTS_AND_PUNCTUATION -> assertThat(c.givenName() + c.familyName())
                        .isNotEqualTo(o.givenName() + o.familyName()).matches("[\\p{ASCII}]+");
                default -> throw new AssertionError(c.name());
            }
            switch (c.number()) {
                case SAME -> assertThat(c.studentNumber()).isEqualTo(o.studentNumber());
                case ZERO_PADDED -> assertThat(c.studentNumber()).isEqualTo("00" + o.studentNumber());
                case MISSING -> assertThat(c.studentNumber()).isNull();
                case OLD_SYSTEM -> assertThat(c.studentNumber()).isNotEqualTo(o.studentNumber()).startsWith("H");
                default -> throw new AssertionError(c.number());
            }
            assertThat(c.schoolId() != o.schoolId()).isEqualTo(c.movedSchool());
            assertThat(!c.grade().equals(o.grade())).isEqualTo(c.lastYearsGrade());
            moved += c.movedSchool() ? 1 : 0;
            lastYear += c.lastYearsGrade() ? 1 : 0;
        }
        assertThat(numbers.get(DuplicateModel.NumberChange.MISSING) / (double) runs).isBetween(0.33, 0.37);
        assertThat(numbers.get(DuplicateModel.NumberChange.ZERO_PADDED) / (double) runs).isBetween(0.18, 0.22);
        assertThat(moved / (double) runs).isBetween(0.13, 0.17);
        // KG has no earlier grade: three originals in four can be last year's
        assertThat(lastYear / (double) runs).isBetween(0.13, 0.17);
    }

    /** Birth dates are drawn after the rest: the same seed makes the same copies with or without them. */
    @Test
    void birthDatesAreCopiedAtTheModelsFrequenciesAndChangeNothingElse() {
        Random with = new Random(3);
        Random without = new Random(3);
        Map<DuplicateModel.BirthDateChange, Integer> births = new EnumMap<>(DuplicateModel.BirthDateChange.class);
        int runs = 20_000;
        for (int i = 0; i < runs; i++) {
            DuplicateModel.Original plain = ORIGINALS[i % ORIGINALS.length];
            DuplicateModel.Original dated = new DuplicateModel.Original(plain.givenName(), plain.familyName(),
                    plain.grade(), plain.studentNumber(), plain.schoolId(), plain.guardianEmail(),
                    String.format("%016x", i));
            DuplicateModel.Copy c = DuplicateModel.copy(dated, SCHOOLS, with);
            DuplicateModel.Copy undated = DuplicateModel.copy(plain, SCHOOLS, without);
            assertThat(undated.birthDate()).isEqualTo(DuplicateModel.BirthDateChange.MISSING);
            assertThat(undated.birthKey()).isNull();
            assertThat(c.givenName() + c.familyName() + c.studentNumber() + c.schoolId() + c.grade())
                    .isEqualTo(undated.givenName() + undated.familyName() + undated.studentNumber() + undated.schoolId()
                            + undated.grade());
            // the copy with a date drew one more number: both start the next copy from one seed again
            with = new Random(i + 4L);
            without = new Random(i + 4L);
            births.merge(c.birthDate(), 1, Integer::sum);
            switch (c.birthDate()) {
                case SAME -> assertThat(c.birthKey()).isEqualTo(dated.birthKey());
                case MISSING -> assertThat(c.birthKey()).isNull();
                case OTHER_DATE -> assertThat(c.birthKey()).matches("[0-9a-f]{16}").isNotEqualTo(dated.birthKey());
                default -> throw new AssertionError(c.birthDate());
            }
        }
        assertThat(births.get(DuplicateModel.BirthDateChange.SAME) / (double) runs).isBetween(0.68, 0.72);
        assertThat(births.get(DuplicateModel.BirthDateChange.MISSING) / (double) runs).isBetween(0.23, 0.27);
        assertThat(births.get(DuplicateModel.BirthDateChange.OTHER_DATE) / (double) runs).isBetween(0.04, 0.06);
    }

    @Test
    void theSameSeedMakesTheSameCopies() {
        for (DuplicateModel.Original o : ORIGINALS) {
            assertThat(DuplicateModel.copy(o, SCHOOLS, new Random(5))).isEqualTo(DuplicateModel.copy(o, SCHOOLS,
                    new Random(5)));
        }
    }
}
