package io.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drops arriving together are read together: each read is independent of the others. */
class ConcurrentReadsTest {

    @TempDir
    Path dir;

    @Test
    void packagesReadInParallelGiveTheSameReportsAsOneByOne() throws Exception {
        Path clean = TestPackages.copyOf("v1.2", dir.resolve("a"));
        Path broken = TestPackages.copyOf("v1.1", dir.resolve("b"));
        TestPackages.append(broken, "enrollments.csv", "e5,,,k-gone,s2,u-s2,student,false,,",
                "e5,,,k-hr3a,s1,u-s1,student,TRUE,,");
        Path zipped = TestPackages.zip(broken, dir.resolve("b.zip"));
        List<Path> inputs = List.of(clean, broken, zipped, clean, broken, zipped, clean, broken);
        List<ValidationReport> sequential = new ArrayList<>();
        for (Path p : inputs) {
            sequential.add(OneRosterReader.read(p).report());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ValidationReport>> tasks = new ArrayList<>();
            for (Path p : inputs) {
                tasks.add(() -> OneRosterReader.read(p).report());
            }
            List<Future<ValidationReport>> parallel = pool.invokeAll(tasks);
            for (int i = 0; i < inputs.size(); i++) {
                assertThat(parallel.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sequential.get(1).errors()).isEqualTo(2);
        assertThat(sequential.get(0).errors()).isZero();
    }
}
