package io.rostersync.cli;

import io.rostersync.cleanup.Duplicates;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.directory.HandMadePerson;
import io.rostersync.directory.HandMadeRecords;
import io.rostersync.generator.DuplicateModel;
import io.rostersync.storage.Database;
import io.rostersync.storage.Databases;
import io.rostersync.storage.StorageOptions;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Duplicate detection measured on a synced district (e.g. the one {@code bench sync} leaves in
 * WORK/sync-db): records made by hand are added beside a sample of its students by the
 * {@link DuplicateModel} (the truth written to {@code duplicates-truth.tsv}), with half as many
 * students who are nobody's duplicate (children who left); candidates are found, timed, and
 * scored against the truth: precision and recall at each confidence, and recall by kind of difference.
 * The records of an earlier run of this command are removed first.
 */
@Command(name = "duplicates", mixinStandardHelpOptions = true,
        description = "Measure duplicate detection on a synced district (run by hand).")
final class BenchDuplicatesCommand implements Callable<Integer> {

    private static final String PREFIX = "dupbench.";
    /** Endings of the family names of children who left (none of them one of {@link #ENDINGS}: names of their own). */
    private static final String[] SUFFIXES = {"ová", "escu", "sky", "berg", "ian", "ello", "opoulos", "ovich"};

    @Option(names = "--data-dir", required = true, description = "the embedded data directory of a synced district")
    Path dataDir;

    @Option(names = "--district", defaultValue = "bench", description = "the district's slug (default bench)")
    String slug;

    @Option(names = "--per-thousand", defaultValue = "20", description = "students copied, per thousand (default 20)")
    int perThousand;

    @Option(names = "--seed", defaultValue = "7", description = "the model's seed (default 7)")
    long seed;

    @Option(names = "--vary-family-names", defaultValue = "false", description = "first give the district's"
            + " students 30 times as many family names (a district's names are that much more varied than the"
            + " generator's; once, until bench sync makes the district again)")
    boolean varyFamilyNames;

    /** Endings that make one family name of the generator's thirty. */
    private static final String[] ENDINGS = {"ford", "wood", "ton", "by", "ley", "more", "ridge", "field", "worth",
        "well", "dale", "stone", "brook", "land", "holm", "wick", "shaw", "croft", "gate", "bury", "combe", "lock",
        "mere", "thorpe", "hurst", "ham", "cott", "den", "hill", "bourne"};

    /** A copy made, and the SIS record it is a copy of. */
    private record Truth(long copy, long original, DuplicateModel.Copy how) {
    }

    @Override
    public Integer call() throws Exception {
        try (Database db = Databases.open(new StorageOptions(dataDir, null, null, null))) {
            District district = new Districts(db.dataSource()).find(slug).orElseThrow(() ->
                    new IllegalArgumentException("no district " + slug + " in " + dataDir));
            long id = district.id();
            long started = System.nanoTime();
            int removed = removeEarlierCopies(db, id);
            if (varyFamilyNames) {
                System.out.printf("varied the family names of %,d students%n", varyFamilyNames(db, id));
            }
            List<Truth> truth = new ArrayList<>();
            int leavers = inject(db, id, truth);
            System.out.printf("removed %,d records of an earlier run; added %,d copies and %,d children who left"
                    + " (%.1f s)%n", removed, truth.size(), leavers, (System.nanoTime() - started) / 1e9);
            Path truthFile = dataDir.resolveSibling("duplicates-truth.tsv");
            try (BufferedWriter w = Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8)) {
                w.write("copy\toriginal\tname\tnumber\tmoved_school\tlast_years_grade\tguardian_email\tbirth_date\n");
                for (Truth t : truth) {
                    w.write(t.copy() + "\t" + t.original() + "\t" + t.how().name() + "\t" + t.how().number() + "\t"
                            + t.how().movedSchool() + "\t" + t.how().lastYearsGrade() + "\t"
                            + (t.how().guardianEmail() != null) + "\t" + t.how().birthDate() + "\n");
                }
            }
            Duplicates.Scan scan = new Duplicates(db.dataSource()).refresh(id);
            System.out.printf("found %,d candidate pairs among %,d students in %.1f s%n", scan.pairs(),
                    scan.students(), scan.millis() / 1000.0);
            evaluate(db, id, truth);
            System.out.println("truth: " + truthFile);
        }
        return 0;
    }

    /**
     * Gives each of the sync's students one of thirty endings to their family name (by their id), once:
     * a district whose names end so already is left as it is.
     */
    private static int varyFamilyNames(Database db, long district) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            java.sql.Array endings = c.createArrayOf("text", ENDINGS);
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE family_name ~ ('(' || array_to_string(?::text[], '|') || ')$')) * 2
                           > count(*)
                    FROM person WHERE district_id = ? AND kind = 'students' AND managed_by IS NOT NULL""")) {
                s.setArray(1, endings);
                s.setLong(2, district);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE person SET family_name = family_name || (?::text[])[1 + abs(hashint8(id)) % 30]
                    WHERE district_id = ? AND kind = 'students' AND managed_by IS NOT NULL""")) {
                s.setArray(1, endings);
                s.setLong(2, district);
                return s.executeUpdate();
            }
        }
    }

    private static int removeEarlierCopies(Database db, long district) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM person WHERE district_id = ? AND managed_by IS NULL AND username LIKE '" + PREFIX
                        + "%'")) {
            s.setLong(1, district);
            return s.executeUpdate();
        }
    }

    /** Copies a sample of the SIS's students by the model, and adds children who left; returns how many left. */
    private int inject(Database db, long district, List<Truth> truth) throws SQLException {
        List<long[]> originals = new ArrayList<>();
        List<DuplicateModel.Original> facts = new ArrayList<>();
        List<Long> schools = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM school WHERE district_id = ? AND state = 'active' ORDER BY id")) {
                s.setLong(1, district);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        schools.add(rs.getLong(1));
                    }
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT p.id, p.given_name, p.family_name, p.grade, p.student_number,
                           (SELECT min(r.school_id) FROM person_role r WHERE r.district_id = p.district_id
                             AND r.person_id = p.id AND r.role = 'student'),
                           (SELECT min(g.email) FROM guardian_link l JOIN person g ON g.district_id = l.district_id
                             AND g.id = l.guardian_id WHERE l.district_id = p.district_id AND l.student_id = p.id),
                           p.birth_key
                    FROM person p WHERE p.district_id = ? AND p.kind = 'students' AND p.managed_by IS NOT NULL
                      AND p.state = 'active' AND abs(hashint8(p.id + ?)) % 1000 < ?""")) {
                s.setFetchSize(10_000);
                s.setLong(1, district);
                s.setLong(2, seed);
                s.setInt(3, perThousand);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getObject(6) == null) {
                            continue;
                        }
                        originals.add(new long[] {rs.getLong(1)});
                        facts.add(new DuplicateModel.Original(rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8)));
                    }
                }
            }
            c.commit();
        }
        long[] schoolIds = schools.stream().mapToLong(Long::longValue).toArray();
        Random rng = new Random(seed);
        int leavers = 0;
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(district)) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            for (int i = 0; i < facts.size(); i++) {
                DuplicateModel.Copy copy = DuplicateModel.copy(facts.get(i), schoolIds, rng);
                long made = records.addPerson(HandMadePerson.named(copy.givenName(), copy.familyName())
                        .asStudent(copy.grade(), copy.studentNumber(), PREFIX + "s" + i).withBirthKey(copy.birthKey()),
                        "student", copy.schoolId());
                if (copy.guardianEmail() != null) {
                    long guardian = records.addPerson(HandMadePerson.named("Parent", copy.familyName())
                            .withContact(copy.guardianEmail(), null, null).asStudent(null, null, PREFIX + "g" + i),
                            "parent", null);
                    records.linkGuardian(guardian, made, "parent");
                }
                truth.add(new Truth(made, originals.get(i)[0], copy));
            }
            // children who left the district, nobody's duplicate: one in twenty is the namesake of a child of
            // their school (the generator's name lists are far smaller than a real district's, so names
            // recombined from them would collide many times more often than real names do); the others
            // have family names of their own
            for (int i = 0; i < facts.size() / 2; i++) {
                DuplicateModel.Original peer = facts.get(rng.nextInt(facts.size()));
                DuplicateModel.Original other = facts.get(rng.nextInt(facts.size()));
                boolean namesake = rng.nextInt(100) < 5;
                String family = namesake ? peer.familyName()
                        : other.familyName() + SUFFIXES[rng.nextInt(SUFFIXES.length)];
                // their own birth date, as often as a copy has one (drawn only when the SIS sends dates)
                boolean dated = other.birthKey() != null && rng.nextInt(100) < 75;
                records.addPerson(HandMadePerson.named(namesake ? peer.givenName() : other.givenName(), family)
                        .asStudent(other.grade(), null, PREFIX + "l" + i)
                        .withBirthKey(dated ? DuplicateModel.otherKey(rng) : null), "student", peer.schoolId());
                leavers++;
            }
            tx.commit();
        }
        return leavers;
    }

    private static void evaluate(Database db, long district, List<Truth> truth) throws SQLException {
        Map<Long, Truth> byCopy = new HashMap<>();
        truth.forEach(t -> byCopy.put(t.copy(), t));
        int[] buckets = new int[40];
        int[] right = new int[40];
        Map<Long, Double> found = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT a_id, b_id, confidence FROM duplicate_candidate WHERE district_id = ?")) {
            s.setLong(1, district);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long a = rs.getLong(1);
                    long b = rs.getLong(2);
                    double confidence = rs.getFloat(3);
                    int bucket = Math.min(39, (int) Math.round(confidence * 20));
                    buckets[bucket]++;
                    Truth t = byCopy.containsKey(a) ? byCopy.get(a) : byCopy.get(b);
                    if (t != null && (t.original() == a || t.original() == b)) {
                        right[bucket]++;
                        found.merge(t.copy(), confidence, Math::max);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| confidence at least | pairs | right | precision | recall |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: |");
        for (int from = 12; from <= 20; from++) {
            int pairs = 0;
            int ok = 0;
            for (int b = from; b < buckets.length; b++) {
                pairs += buckets[b];
                ok += right[b];
            }
            System.out.printf(Locale.ROOT, "| %.2f | %,d | %,d | %.3f | %.3f |%n", from / 20.0, pairs, ok,
                    pairs == 0 ? 0 : ok / (double) pairs, ok / (double) truth.size());
        }
        System.out.println();
        System.out.println("| difference | copies | found | recall |");
        System.out.println("| --- | ---: | ---: | ---: |");
        Map<String, int[]> byKind = new java.util.LinkedHashMap<>();
        for (Truth t : truth) {
            boolean hit = found.containsKey(t.copy());
            List<String> kinds = new java.util.ArrayList<>(List.of("name " + t.how().name(), "number " + t.how().number(),
                    t.how().movedSchool() ? "moved school" : "same school",
                    t.how().lastYearsGrade() ? "last year's grade" : "same grade",
                    t.how().guardianEmail() != null ? "guardian email kept" : "no guardian",
                    "birth date " + t.how().birthDate()));
            boolean numberInCommon = t.how().number() == DuplicateModel.NumberChange.SAME
                    || t.how().number() == DuplicateModel.NumberChange.ZERO_PADDED;
            if (t.how().movedSchool() && t.how().guardianEmail() == null && !numberInCommon) {
                // the hardest: only the name, and the birth date when both have it, say they are one child
                kinds.add("moved school, no number or guardian in common, birth date " + t.how().birthDate());
            }
            for (String kind : kinds) {
                int[] n = byKind.computeIfAbsent(kind, k -> new int[2]);
                n[0]++;
                if (hit) {
                    n[1]++;
                }
            }
        }
        new java.util.TreeMap<>(byKind).forEach((kind, n) -> System.out.printf(Locale.ROOT,
                "| %s | %,d | %,d | %.3f |%n", kind, n[0], n[1], n[1] / (double) n[0]));
    }
}
