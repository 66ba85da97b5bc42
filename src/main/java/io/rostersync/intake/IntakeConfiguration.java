package io.rostersync.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The service's ways in: the hosted SFTP server listens on {@code rostersync.sftp.port} (2222 by
 * default; 0 for any free port) of {@code rostersync.sftp.host} (every interface by default), unless
 * {@code rostersync.sftp.enabled=false}.
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
}
