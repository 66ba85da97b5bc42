package io.rostersync.demo;

import io.rostersync.demo.internal.DemoRoster;
import io.rostersync.demo.internal.HandMadePlan;
import io.rostersync.demo.internal.HandMadePlanner;
import io.rostersync.demo.internal.Seeder;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.oneroster.OneRosterVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The demo district: its roster (what {@code generate --demo} writes) and the records it made by
 * hand before any sync, derived from the roster's first day so that they match it.
 */
public final class DemoDistrict {

    /** The demo district's slug, and its SFTP account's name. */
    public static final String SLUG = "demo";
    public static final int STUDENTS = 500;
    public static final int SCHOOLS = 3;
    public static final long SEED = 2026;

    private DemoDistrict() {
    }

    /**
     * The generator's options for the demo roster on school day {@code day} (0 is the first; later
     * days have the generator's daily churn): 500 students in 3 schools (elementary, middle, high),
     * one guardian per student on average, OneRoster 1.1, seed 2026, clean, with every student's birth date
     * in demographics.csv.
     */
    public static GeneratorOptions rosterOptions(int day) {
        return new GeneratorOptions(STUDENTS, SCHOOLS, 1.0, OneRosterVersion.V1_1, SEED, false, day, true);
    }

    /** The hand-made records, described against the roster of day 0. */
    public static DemoRecords records() {
        return Plan.INSTANCE.records();
    }

    /**
     * Writes the hand-made records into the district's directory, once: a district that has schools
     * or people already, or whose sync is running, is left as it is. The students' birth dates are
     * written as their keys ({@code birthDateKey}: the district's, e.g. {@code SecretBox.birthDateKey}).
     *
     * @return how many records of each kind were written, or empty when none were
     */
    public static Optional<DemoCounts> seed(DataSource dataSource, long districtId,
            java.util.function.Function<java.time.LocalDate, String> birthDateKey) {
        try {
            return new Seeder(dataSource).seed(districtId, Plan.INSTANCE, birthDateKey)
                    ? Optional.of(records().counts())
                    : Optional.empty();
        } catch (DirectoryStore.DistrictBusyException e) {
            return Optional.empty(); // another process seeds it, or syncs it: either way it is not empty
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the demo district's hand-made records: "
                    + e.getMessage(), e);
        }
    }

    /** The plan, made once per JVM: it is a pure function of the fixed roster options. */
    private static final class Plan {

        static final HandMadePlan INSTANCE = plan();

        private static HandMadePlan plan() {
            Path folder = null;
            try {
                folder = Files.createTempDirectory("rostersync-demo-");
                Path roster = folder.resolve("roster");
                RosterGenerator.generate(rosterOptions(0), roster);
                return HandMadePlanner.plan(DemoRoster.read(roster));
            } catch (IOException e) {
                throw new UncheckedIOException("could not generate the demo roster: " + e.getMessage(), e);
            } finally {
                deleteQuietly(folder);
            }
        }

        private static void deleteQuietly(Path folder) {
            if (folder == null) {
                return;
            }
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is the system's to clean
            }
        }
    }
}
