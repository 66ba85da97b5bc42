package io.rostersync.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class DistrictLockTest {

    private static Database db;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("district_lock");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void aSecondSyncOfTheSameDistrictIsRefusedUntilTheFirstEnds() throws Exception {
        try (Connection first = db.dataSource().getConnection(); Connection second = db.dataSource().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            assertThat(DistrictLock.tryAcquire(first, 7)).isTrue();
            assertThat(DistrictLock.tryAcquire(second, 7)).as("same district, while the first runs").isFalse();
            assertThat(DistrictLock.tryAcquire(second, 8)).as("another district runs at the same time").isTrue();
            first.rollback();
            second.rollback();
            assertThat(DistrictLock.tryAcquire(second, 7)).as("the lock ended with the first transaction").isTrue();
            second.commit();
        }
    }

    @Test
    void theLockGoesWithTheConnectionWhenAProcessDies() throws Exception {
        Connection dying = db.dataSource().getConnection();
        dying.setAutoCommit(false);
        assertThat(DistrictLock.tryAcquire(dying, 9)).isTrue();
        dying.close(); // what the server sees when a JVM is killed mid-sync
        try (Connection next = db.dataSource().getConnection()) {
            next.setAutoCommit(false);
            assertThat(DistrictLock.tryAcquire(next, 9)).isTrue();
            next.rollback();
        }
    }

    @Test
    void refusesAConnectionOutsideATransaction() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> DistrictLock.tryAcquire(c, 1)).isInstanceOf(IllegalStateException.class);
        }
    }
}
