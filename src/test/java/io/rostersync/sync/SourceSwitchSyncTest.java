package io.rostersync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.rostersync.TestSecrets;
import io.rostersync.directory.EntityKind;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A generated district of more users than the people step takes in one batch, sent again under new
 * ids with its guardians first (as a source sorted by id may send them): the guardians without an email
 * are known again as the guardians of their students, even when those come batches later.
 */
@Tag("database")
class SourceSwitchSyncTest {

    private static Database db;

    @TempDir
    static Path work;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("source_switch");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static final Set<String> GUARDIAN_ROLES = Set.of("parent", "guardian", "relative");

    /** The package under new user ids, users.csv's guardians first. */
    private static Path switched(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                List<List<String>> rows = new ArrayList<>();
                try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
                    reader.forEach(r -> rows.add(new ArrayList<>(r.getFields())));
                }
                List<String> header = rows.get(0);
                for (String column : List.of("sourcedId", "agentSourcedIds", "userSourcedId")) {
                    int c = header.indexOf(column);
                    if (c < 0 || !(name.equals("users.csv") || name.equals("enrollments.csv")
                            || name.equals("demographics.csv")) || name.equals("enrollments.csv") && c == 0) {
                        continue;
                    }
                    for (List<String> row : rows.subList(1, rows.size())) {
                        if (!row.get(c).isBlank()) {
                            row.set(c, String.join(",", Arrays.stream(row.get(c).split(",")).map(id -> "n-" + id.trim())
                                    .toList()));
                        }
                    }
                }
                if (name.equals("users.csv")) {
                    int role = header.indexOf("role");
                    rows.subList(1, rows.size()).sort(Comparator.comparing(r -> GUARDIAN_ROLES.contains(r.get(role))
                            ? 0 : 1));
                }
                try (CsvWriter out = CsvWriter.builder().build(to.resolve(name), StandardCharsets.UTF_8)) {
                    rows.forEach(out::writeRecord);
                }
            }
        }
        return to;
    }

    @Test
    void guardiansBeforeTheirStudentsAndBatchesApartAreKnownAgain() throws Exception {
        Path district = RosterGenerator.generate(GeneratorOptions.of(1_100).withSeed(8), work.resolve("day0"))
                .output();
        Syncs syncs = new Syncs(db.dataSource(), TestSecrets.BOX);
        RunReport first = syncs.sync(Syncs.Request.of("switching", district));
        long users = Files.readAllLines(district.resolve("users.csv")).size() - 1;
        assertThat(users).as("more rows than one batch of the people step").isGreaterThan(2_000);
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        String guardians = "SELECT count(*) FROM person WHERE kind = 'guardians' AND state = 'active'";
        long before = jdbc.sql(guardians).query(Long.class).single();
        long withoutEmail = jdbc.sql(guardians + " AND email IS NULL").query(Long.class).single();
        assertThat(withoutEmail).as("guardians known only by a phone").isPositive();

        RunReport switched = syncs.sync(Syncs.Request.of("switching", switched(district, work.resolve("switched"))));
        assertThat(switched.counts(EntityKind.STUDENTS).created()).isZero();
        assertThat(switched.counts(EntityKind.GUARDIANS).created()).as("every guardian known again").isZero();
        assertThat(switched.counts(EntityKind.GUARDIANS).archived()).isZero();
        assertThat(jdbc.sql(guardians).query(Long.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("""
                SELECT p.kind || ' ' || p.state || ' ' || (p.email IS NULL) FROM source_link l
                JOIN person p ON p.district_id = l.district_id AND p.id = l.local_id
                WHERE l.kind = 'person' AND l.sourced_id NOT LIKE 'n-%'""").query(String.class).list())
                .as("no old id names anyone").isEmpty();
        assertThat(first.counts(EntityKind.GUARDIANS).created()).isEqualTo(before);
    }
}
