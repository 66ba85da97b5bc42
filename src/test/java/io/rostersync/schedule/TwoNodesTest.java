package io.rostersync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.RostersyncApplication;
import io.rostersync.directory.Districts;
import io.rostersync.generator.GeneratorOptions;
import io.rostersync.generator.RosterGenerator;
import io.rostersync.intake.Intakes;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application nodes on one database, each with its drop loop running: every drop of every
 * district is synced exactly once, a district's drops in the order they came, never two of a
 * district at the same time.
 */
@Tag("database")
class TwoNodesTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path packages;

    private ConfigurableApplicationContext node(Database db) {
        SpringApplication application = new SpringApplication(RostersyncApplication.class);
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("rostersync.data-dir", dataDir.toString());
        properties.put("rostersync.sftp.enabled", "false");
        properties.put("rostersync.intake.scan-interval", "PT0.1S");
        properties.put("spring.main.web-application-type", "none");
        application.setDefaultProperties(properties);
        return application.run();
    }

    @Test
    void twoNodesSyncEveryDropOnceInOrderAndNeverTwoOfADistrictAtOnce() throws Exception {
        try (Database db = TestDatabases.fresh("two_nodes")) {
            Intakes intakes = new Intakes(db.dataSource());
            List<String> districts = List.of("node-a", "node-b", "node-c");
            Map<String, List<Long>> sent = new HashMap<>();
            for (String slug : districts) {
                long district = new Districts(db.dataSource()).findOrCreate(slug).id();
                new SyncSchedule(db.dataSource()).setSyncEnabled(district, true);
                for (int day = 0; day < 3; day++) {
                    Path folder = Files.createDirectories(dataDir.resolve("drops").resolve(slug + "-" + day));
                    Path zip = RosterGenerator.generate(GeneratorOptions.of(60).withDay(day), folder.resolve("d.zip"))
                            .output();
                    sent.computeIfAbsent(slug, k -> new ArrayList<>()).add(intakes.record(district, "upload",
                            List.of("d.zip"), Files.size(zip), slug + "-" + day, folder).id());
                }
            }
            ConfigurableApplicationContext first = node(db);
            ConfigurableApplicationContext second = node(db);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!intakes.waiting(null).isEmpty() || anyRunning(intakes, db, districts)) {
                    assertThat(System.nanoTime()).as("every drop synced within two minutes").isLessThan(deadline);
                    Thread.sleep(200);
                }
            } finally {
                first.close();
                second.close();
            }
            Syncs syncs = new Syncs(db.dataSource(), io.rostersync.TestSecrets.BOX);
            for (String slug : districts) {
                long district = new Districts(db.dataSource()).find(slug).orElseThrow().id();
                List<Intakes.Intake> drops = new ArrayList<>(intakes.list(district, 10));
                java.util.Collections.reverse(drops);
                assertThat(drops).extracting(Intakes.Intake::id).containsExactlyElementsOf(sent.get(slug));
                assertThat(drops).allSatisfy(d -> assertThat(d.status()).isEqualTo("synced"));
                List<RunReport> runs = new ArrayList<>(syncs.runs(slug, 10));
                java.util.Collections.reverse(runs);
                assertThat(runs).as("one run per drop, none twice").hasSize(3);
                assertThat(drops).extracting(Intakes.Intake::runId)
                        .containsExactlyElementsOf(runs.stream().map(RunReport::run).toList());
                assertThat(runs).allSatisfy(r -> assertThat(r.finishedAt()).as("run %d", r.run())
                        .isAfterOrEqualTo(r.startedAt()));
                for (int i = 1; i < runs.size(); i++) {
                    assertThat(runs.get(i).startedAt()).as("%s: run %d starts after run %d ended", slug, i, i - 1)
                            .isAfterOrEqualTo(runs.get(i - 1).finishedAt());
                }
            }
        }
    }

    private static boolean anyRunning(Intakes intakes, Database db, List<String> districts) throws Exception {
        for (String slug : districts) {
            long district = new Districts(db.dataSource()).find(slug).orElseThrow().id();
            if (intakes.list(district, 10).stream().anyMatch(d -> d.status().equals("running"))) {
                return true;
            }
        }
        return false;
    }
}
