package io.rostersync.feed;

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
import org.springframework.mail.MailSender;

/**
 * Every {@code rostersync.feed.check-interval} (an hour by default) the districts' feeds are
 * checked and their people emailed through {@code spring.mail.*}, from {@code rostersync.mail.from};
 * {@code rostersync.feed.enabled=false} turns the checks off (the API still shows the findings).
 */
@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    @Bean
    FeedAlerts feedAlerts(DataSource dataSource, ObjectProvider<MailSender> mail, Environment environment) {
        return new FeedAlerts(dataSource, mail.getIfAvailable(),
                environment.getProperty("rostersync.mail.from", "rostersync@localhost"));
    }

    @Bean
    @ConditionalOnProperty(name = "rostersync.feed.enabled", havingValue = "true", matchIfMissing = true)
    FeedCheckLoop feedCheckLoop(FeedAlerts alerts, Environment environment) {
        return new FeedCheckLoop(alerts,
                environment.getProperty("rostersync.feed.check-interval", Duration.class, Duration.ofHours(1)));
    }

    /** The thread that checks the feeds, started and stopped with the service. */
    static final class FeedCheckLoop implements SmartLifecycle {

        private static final Logger LOG = LoggerFactory.getLogger(FeedCheckLoop.class);
        private final FeedAlerts alerts;
        private final Duration interval;
        private ScheduledExecutorService executor;

        FeedCheckLoop(FeedAlerts alerts, Duration interval) {
            this.alerts = alerts;
            this.interval = interval;
        }

        @Override
        public synchronized void start() {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rostersync-feed");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(() -> {
                try {
                    alerts.check(Clock.systemUTC().instant());
                } catch (Exception e) {
                    LOG.warn("the feeds could not be checked: {}", e.getMessage(), e);
                }
            }, Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis()), interval.toMillis(),
                    TimeUnit.MILLISECONDS); // soon after a start, so that restarts do not put checks off
        }

        @Override
        public synchronized void stop() {
            if (executor != null) {
                executor.shutdownNow();
                executor = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return executor != null;
        }
    }
}
