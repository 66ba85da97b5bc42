package io.rostersync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class DistrictsTest {

    private static Database db;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("districts");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void aDistrictIsCreatedOnFirstUseAndFoundAfterwards() {
        Districts districts = new Districts(db.dataSource());
        assertThat(districts.find("cedar-falls")).isEmpty();
        District created = districts.findOrCreate("cedar-falls");
        assertThat(created.slug()).isEqualTo("cedar-falls");
        assertThat(districts.findOrCreate("cedar-falls")).isEqualTo(created);
        assertThat(districts.find("cedar-falls")).contains(created);
    }

    @Test
    void twoCallersRacingCreateOneDistrict() throws Exception {
        Districts districts = new Districts(db.dataSource());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<District>> calls = List.of(() -> districts.findOrCreate("oak-hill"),
                    () -> districts.findOrCreate("oak-hill"), () -> districts.findOrCreate("oak-hill"),
                    () -> districts.findOrCreate("oak-hill"));
            List<Future<District>> results = pool.invokeAll(calls);
            for (Future<District> f : results) {
                assertThat(f.get()).isEqualTo(results.get(0).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesASlugThatWouldNotWorkInAUrl() {
        assertThatThrownBy(() -> new Districts(db.dataSource()).findOrCreate("Cedar Falls"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slug");
    }
}
