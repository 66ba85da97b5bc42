package io.rostersync.schedule;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.rostersync.intake.DropWatcher;
import io.rostersync.intake.HostedSftp;
import io.rostersync.intake.Intakes;
import io.rostersync.intake.SftpPoller;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every {@code rostersync.intake.scan-interval} (5 s by default): take the complete drops in, then
 * sync what waits. A drop is complete once its files have not changed for
 * {@code rostersync.intake.stable-for} (30 s by default). {@code rostersync.intake.enabled=false}
 * turns it off. With {@code rostersync.intake.sole-node} (serve sets it on its own embedded database)
 * drops left running by a process that stopped are taken again at start; otherwise after an hour.
 */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    @Bean
    @ConditionalOnProperty(name = "rostersync.intake.enabled", havingValue = "true", matchIfMissing = true)
    DropLoop dropLoop(DataSource dataSource, Environment environment, ObjectProvider<HostedSftp> sftp,
            ObjectProvider<SftpPoller> poller, io.rostersync.storage.SecretBox secrets,
            io.rostersync.intake.ApiPulls pulls) {
        Path dataDir = Path.of(environment.getRequiredProperty("rostersync.data-dir"));
        HostedSftp server = sftp.getIfAvailable();
        DropWatcher watcher = new DropWatcher(dataDir, dataSource,
                environment.getProperty("rostersync.intake.stable-for", Duration.class, Duration.ofSeconds(30)),
                Clock.systemUTC(), server == null ? (district, name) -> false : server::unfinished);
        return new DropLoop(dataDir, watcher, poller.getIfAvailable(), pulls, new DropRunner(dataSource, secrets),
                environment.getProperty("rostersync.intake.scan-interval", Duration.class, Duration.ofSeconds(5)),
                environment.getProperty("rostersync.intake.sole-node", Boolean.class, false) ? new Intakes(dataSource)
                        : null);
    }

    /** The drops that wait, of every district, for whichever node takes them: read from the queue at each scrape. */
    @Bean
    MeterBinder dropsWaiting(DataSource dataSource) {
        Intakes intakes = new Intakes(dataSource);
        return registry -> Gauge.builder("rostersync.drops.waiting", () -> {
            try {
                return intakes.waitingCount();
            } catch (java.sql.SQLException e) {
                return Double.NaN;
            }
        }).description("Drops received and not yet synced, of every district").register(registry);
    }

    /**
     * The thread that watches the folders and runs the syncs, and the one that polls the districts'
     * own SFTP sites and pulls their roster APIs (a slow site or API never holds a sync up), started and
     * stopped with the service.
     */
    static final class DropLoop implements SmartLifecycle {

        private static final Logger LOG = LoggerFactory.getLogger(DropLoop.class);

        private final Path dataDir;
        private final DropWatcher watcher;
        private final SftpPoller poller;
        private final io.rostersync.intake.ApiPulls pulls;
        private final DropRunner runner;
        private final Duration interval;
        private ScheduledExecutorService executor;

        /** Set when this is the only node on its database: what it finds running at start, no one runs. */
        private final Intakes soleNode;

        DropLoop(Path dataDir, DropWatcher watcher, SftpPoller poller, io.rostersync.intake.ApiPulls pulls,
                DropRunner runner, Duration interval, Intakes soleNode) {
            this.dataDir = dataDir;
            this.watcher = watcher;
            this.poller = poller;
            this.pulls = pulls;
            this.runner = runner;
            this.interval = interval;
            this.soleNode = soleNode;
        }

        @Override
        public synchronized void start() {
            if (soleNode != null) {
                try {
                    int again = soleNode.requeueAbandoned(Duration.ZERO);
                    if (again > 0) {
                        LOG.info("{} drop(s) left running by a process that stopped will be synced again", again);
                    }
                } catch (java.sql.SQLException e) {
                    LOG.warn("could not take back the drops left running: {}", e.getMessage());
                }
            }
            java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
            executor = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, threads.getAndIncrement() == 0 ? "rostersync-drops" : "rostersync-poll");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            executor.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        /** The districts' own SFTP sites, then their roster APIs: what is due of each. */
        private void poll() {
            if (poller != null) {
                try {
                    poller.pollDue();
                } catch (Exception e) {
                    // a site's own failure is recorded on it; this is the database's
                    LOG.warn("a poll of the districts' SFTP sites failed: {}", e.getMessage(), e);
                }
            }
            try {
                pulls.pullDue(runner.appliedRuns());
            } catch (Exception e) {
                // an API's own failure is recorded on it; this is the database's
                LOG.warn("a pull of the districts' roster APIs failed: {}", e.getMessage(), e);
            }
        }

        private void pass() {
            try {
                watcher.scan();
                runner.runWaiting();
                runner.purgeExpiredDrops(dataDir);
            } catch (Exception e) {
                // the next pass tries again; a drop's own failure is recorded on it, not here
                LOG.warn("a pass over the drops failed: {}", e.getMessage(), e);
            }
        }

        @Override
        public synchronized void stop() {
            if (executor != null) {
                // a sync under way is let finish (its drop would otherwise wait an hour to be taken again)
                executor.shutdown();
                try {
                    if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                        executor.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    executor.shutdownNow();
                    Thread.currentThread().interrupt();
                }
                executor = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return executor != null;
        }
    }
}
