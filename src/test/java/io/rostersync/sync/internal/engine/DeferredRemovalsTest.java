package io.rostersync.sync.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A run keeps its removals in memory up to a limit and journals them once the guard has decided;
 * past the limit they go to the journal as waiting and are marked applied afterwards. Both ways
 * must leave the same directory and the same journal.
 */
@Tag("database")
class DeferredRemovalsTest {

    private static Database db;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("deferred_removals");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void removalsPastTheInMemoryLimitTakeTheJournalsWayToTheSameResult(@TempDir Path tmp) throws Exception {
        Path day0 = tmp.resolve("day0.zip");
        Path day1 = tmp.resolve("day1.zip");
        RosterGenerator.generate(GeneratorOptions.of(400), day0);
        RosterGenerator.generate(GeneratorOptions.of(400).withDay(1), day1);
        Syncs syncs = new Syncs(db.dataSource(), io.rostersync.TestSecrets.BOX);
        syncs.sync(Syncs.Request.of("in-memory", day0));
        RunReport inMemory = syncs.sync(Syncs.Request.of("in-memory", day1));
        int limit = RunContext.deferredInMemory;
        RunReport journaled;
        try {
            RunContext.deferredInMemory = 1;
            syncs.sync(Syncs.Request.of("journaled", day0));
            journaled = syncs.sync(Syncs.Request.of("journaled", day1));
        } finally {
            RunContext.deferredInMemory = limit;
        }
        assertThat(inMemory.counts().values().stream().mapToLong(RunReport.Counts::archived).sum())
                .as("day 1 has leavers").isGreaterThan(1);
        assertThat(journaled.status()).isEqualTo(inMemory.status());
        assertThat(journaled.counts()).isEqualTo(inMemory.counts());
        assertThat(journaled.directory()).isEqualTo(inMemory.directory());
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        for (String district : new String[] {"in-memory", "journaled"}) {
            RunReport run = district.equals("in-memory") ? inMemory : journaled;
            assertThat(jdbc.sql("SELECT count(*) FROM run_change c JOIN district d ON d.id = c.district_id"
                    + " WHERE d.slug = ? AND c.run_id = ? AND c.op = 'archive'").params(district, run.run())
                    .query(Long.class).single()).as(district).isEqualTo(run.counts().values().stream()
                            .mapToLong(RunReport.Counts::archived).sum() - run.counts(io.rostersync.directory.EntityKind
                                    .ENROLLMENTS).archived());
            assertThat(jdbc.sql("SELECT count(*) FROM run_change c JOIN district d ON d.id = c.district_id"
                    + " WHERE d.slug = ? AND c.run_id = ? AND c.waiting").params(district, run.run())
                    .query(Long.class).single()).as(district + ": nothing waits after an applied run").isZero();
        }
    }
}
