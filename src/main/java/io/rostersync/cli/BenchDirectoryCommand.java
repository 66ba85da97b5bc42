package io.rostersync.cli;

import io.rostersync.directory.DirectoryReads;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.directory.PeopleReads;
import io.rostersync.storage.Database;
import io.rostersync.storage.Databases;
import io.rostersync.storage.StorageOptions;
import io.rostersync.sync.RecordHistory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The directory pages' reads against a synced district (e.g. the one {@code bench sync} leaves in
 * WORK/sync-db): the district directory's first page, a later page, a name search, a rare name
 * prefix, a page filtered by school, role and grade, a school admin's directory, and a person's
 * page with its timeline. Each is what its console page reads (the people and the schools for the
 * filters), run warm: some rounds first, then timed rounds; the median, 95th percentile and maximum
 * are printed as a Markdown table.
 */
@Command(name = "directory", mixinStandardHelpOptions = true,
        description = "Time the directory pages' reads on a synced district (run by hand).")
final class BenchDirectoryCommand implements Callable<Integer> {

    @Option(names = "--data-dir", required = true, description = "the embedded data directory of a synced district")
    Path dataDir;

    @Option(names = "--district", defaultValue = "bench", description = "the district's slug (default bench)")
    String slug;

    @Option(names = "--rounds", defaultValue = "30", description = "timed rounds of each read (default 30)")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10", description = "untimed rounds first (default 10)")
    int warmup;

    @FunctionalInterface
    private interface Read {
        int run() throws SQLException;
    }

    private record Case(String name, Read read) {
    }

    @Override
    public Integer call() throws Exception {
        try (Database db = Databases.open(new StorageOptions(dataDir, null, null, null))) {
            District district = new Districts(db.dataSource()).find(slug).orElseThrow(() ->
                    new IllegalArgumentException("no district " + slug + " in " + dataDir));
            PeopleReads people = new PeopleReads(db.dataSource());
            DirectoryReads directory = new DirectoryReads(db.dataSource());
            RecordHistory history = new RecordHistory(db.dataSource());
            long id = district.id();
            Sample sample = Sample.of(db, id);
            System.out.printf("district %s: %,d people; the busiest school %d has %,d students; a person: %s %s (%d)%n",
                    slug, sample.people(), sample.school(), sample.studentsThere(), sample.given(), sample.family(),
                    sample.person());
            PeopleReads.Page first = people.page(id, filter(null, null, null, null, null), null, 50);
            List<Case> cases = List.of(
                    new Case("district directory, first page", () -> page(people, directory, id,
                            filter(null, null, null, null, null), null)),
                    new Case("district directory, second page", () -> page(people, directory, id,
                            filter(null, null, null, null, null), first.next())),
                    new Case("name search \"" + sample.given() + " " + sample.family() + "\"", () -> page(people,
                            directory, id, filter(sample.given() + " " + sample.family(), null, null, null, null),
                            null)),
                    new Case("name prefix \"" + sample.family().substring(0, Math.min(3, sample.family().length()))
                            + "\"", () -> page(people, directory, id, filter(sample.family().substring(0,
                                    Math.min(3, sample.family().length())), null, null, null, null), null)),
                    new Case("filtered: students of the busiest school in grade " + sample.grade(), () -> page(people,
                            directory, id, filter(null, "student", sample.school(), sample.grade(), null), null)),
                    new Case("a school admin's directory (one school), first page", () -> page(people, directory, id,
                            filter(null, null, null, null, Set.of(sample.school())), null)),
                    new Case("a person's page with its timeline", () -> people.person(id, sample.person())
                            .map(p -> p.classes().size()).orElse(0) + history.person(id, sample.person()).size()));
            System.out.println();
            System.out.println("| read | rows | median ms | p95 ms | max ms |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            for (Case c : cases) {
                int rows = 0;
                for (int i = 0; i < warmup; i++) {
                    rows = c.read().run();
                }
                double[] ms = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    c.read().run();
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |%n", c.name(), rows, ms[rounds / 2],
                        ms[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.95) - 1)], ms[rounds - 1]);
            }
        }
        return 0;
    }

    /** What the directory page reads: a page of people, and the schools for its filter. */
    private static int page(PeopleReads people, DirectoryReads directory, long district, PeopleReads.Filter filter,
            PeopleReads.After after) throws SQLException {
        int rows = people.page(district, filter, after, 50).rows().size();
        directory.schools(district);
        return rows;
    }

    private static PeopleReads.Filter filter(String query, String role, Long school, String grade, Set<Long> schools) {
        return new PeopleReads.Filter(query, role, school, grade, null, false, schools);
    }

    /** The district's busiest school, its most common grade, and a student of it in that grade, picked from the data. */
    private record Sample(long people, long school, long studentsThere, String grade, long person, String given,
            String family) {

        static Sample of(Database db, long district) throws SQLException {
            try (Connection c = db.dataSource().getConnection()) {
                long people = single(c, "SELECT count(*) FROM person WHERE district_id = ?", district);
                long school = single(c, "SELECT school_id FROM person_role WHERE district_id = ? AND role = 'student'"
                        + " GROUP BY school_id ORDER BY count(*) DESC, school_id LIMIT 1", district);
                long there = single(c, "SELECT count(*) FROM person_role WHERE district_id = ? AND role = 'student'"
                        + " AND school_id = " + school, district);
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT p.grade, count(*) FROM person p
                        JOIN person_role r ON r.district_id = p.district_id AND r.person_id = p.id
                        WHERE p.district_id = ? AND r.role = 'student' AND r.school_id = ? AND p.grade IS NOT NULL
                        GROUP BY p.grade ORDER BY count(*) DESC, p.grade LIMIT 1""")) {
                    s.setLong(1, district);
                    s.setLong(2, school);
                    String grade;
                    long inGrade;
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        grade = rs.getString(1);
                        inGrade = rs.getLong(2);
                    }
                    try (PreparedStatement p = c.prepareStatement("""
                            SELECT p.id, p.given_name, p.family_name FROM person p
                            JOIN person_role r ON r.district_id = p.district_id AND r.person_id = p.id
                            WHERE p.district_id = ? AND r.role = 'student' AND r.school_id = ? AND p.grade = ?
                            ORDER BY p.id LIMIT 1 OFFSET ?""")) {
                        p.setLong(1, district);
                        p.setLong(2, school);
                        p.setString(3, grade);
                        p.setLong(4, inGrade / 2);
                        try (ResultSet rs = p.executeQuery()) {
                            rs.next();
                            return new Sample(people, school, there, grade, rs.getLong(1), rs.getString(2),
                                    rs.getString(3));
                        }
                    }
                }
            }
        }

        private static long single(Connection c, String sql, long district) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, district);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }
}
