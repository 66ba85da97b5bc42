package io.rostersync.intake;

import io.rostersync.storage.SecretBox;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The service's ways in: the hosted SFTP server listens on {@code rostersync.sftp.port} (2222 by
 * default; 0 for any free port) of {@code rostersync.sftp.host} (every interface by default), unless
 * {@code rostersync.sftp.enabled=false}. The districts' own SFTP sites are polled every
 * {@code rostersync.poll.interval} (5 minutes by default), unless {@code rostersync.poll.enabled=false};
 * only public addresses, unless {@code rostersync.poll.allow-private-hosts=true}; the same holds for
 * the districts' roster APIs ({@link ApiPulls}, {@link RosterApis}), made once here for the service.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "rostersync.sftp.enabled", havingValue = "true", matchIfMissing = true)
    HostedSftp hostedSftp(DataSource dataSource, Environment environment) throws IOException {
        Path dataDir = Path.of(environment.getRequiredProperty("rostersync.data-dir"));
        return HostedSftp.start(dataSource, dataDir, environment.getProperty("rostersync.sftp.host", "0.0.0.0"),
                environment.getProperty("rostersync.sftp.port", Integer.class, 2222), Clock.systemUTC());
    }

    /** Manual uploads, at most {@code rostersync.upload.max-size} (2 GB by default) each: the API's and the console's. */
    @Bean
    ManualUploads manualUploads(DataSource dataSource, Environment environment) {
        return new ManualUploads(Path.of(environment.getRequiredProperty("rostersync.data-dir")),
                new Intakes(dataSource), environment.getProperty("rostersync.upload.max-size",
                        org.springframework.util.unit.DataSize.class,
                        org.springframework.util.unit.DataSize.ofGigabytes(2)).toBytes());
    }

    @Bean
    RosterApis rosterApis(DataSource dataSource, SecretBox secrets) {
        return new RosterApis(dataSource, secrets);
    }

    @Bean
    ApiPulls apiPulls(DataSource dataSource, SecretBox secrets, Environment environment) {
        return new ApiPulls(dataSource, secrets, Path.of(environment.getRequiredProperty("rostersync.data-dir")),
                environment.getProperty("rostersync.poll.allow-private-hosts", Boolean.class, false));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "rostersync.poll.enabled", havingValue = "true", matchIfMissing = true)
    SftpPoller sftpPoller(DataSource dataSource, SecretBox secrets, Environment environment) {
        return new SftpPoller(dataSource, secrets, Path.of(environment.getRequiredProperty("rostersync.data-dir")),
                environment.getProperty("rostersync.poll.interval", Duration.class, Duration.ofMinutes(5)),
                environment.getProperty("rostersync.intake.stable-for", Duration.class, Duration.ofSeconds(30)),
                environment.getProperty("rostersync.poll.timeout", Duration.class, Duration.ofSeconds(30)),
                Clock.systemUTC(), environment.getProperty("rostersync.poll.allow-private-hosts", Boolean.class, false));
    }
}
