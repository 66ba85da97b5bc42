package io.rostersync.schedule;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.rostersync.sync.RunReport;
import java.util.concurrent.TimeUnit;

/**
 * What the operator's dashboard counts of the drops this node synced: runs by status, how long they
 * took, and how many directory records per second they went through. Never a district's name: a
 * metric is seen by whoever scrapes it.
 */
final class RunMetrics {

    private RunMetrics() {
    }

    static void record(RunReport run, long nanos) {
        Timer.builder("rostersync.sync.duration").description("Syncs of drops, by how they ended")
                .tag("status", run.status().label()).register(Metrics.globalRegistry).record(nanos, TimeUnit.NANOSECONDS);
        long records = run.counts().values().stream().mapToLong(c -> c.changes() + c.unchanged()).sum();
        if (nanos > 0 && records > 0) {
            DistributionSummary.builder("rostersync.sync.records.per.second")
                    .description("Directory records a sync went through (changed or not), per second")
                    .register(Metrics.globalRegistry).record(records * 1e9 / nanos);
        }
    }

    static void failed(long nanos) {
        Timer.builder("rostersync.sync.duration").description("Syncs of drops, by how they ended")
                .tag("status", "error").register(Metrics.globalRegistry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
