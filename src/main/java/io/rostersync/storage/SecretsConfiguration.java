package io.rostersync.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The installation's {@link SecretBox}: its key from {@code rostersync.secret-key} (or the
 * environment's {@code ROSTERSYNC_SECRET_KEY}), which every node on one database must share, else
 * from the data directory.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    SecretBox secretBox(Environment environment) throws IOException {
        String key = environment.getProperty("rostersync.secret-key", System.getenv("ROSTERSYNC_SECRET_KEY"));
        return SecretBox.open(Path.of(environment.getRequiredProperty("rostersync.data-dir")), key);
    }
}
