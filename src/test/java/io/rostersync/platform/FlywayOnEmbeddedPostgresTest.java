package io.rostersync.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Proves that Boot 4's Flyway auto-configuration (spring-boot-starter-flyway, plus flyway-database-postgresql)
 * migrates a PostgreSQL 18 started by zonky, inside one minimal Spring Boot context: {@link CompatApplication},
 * not the real application. The context is started and closed here with {@link SpringApplicationBuilder}, so its
 * lifetime is this test's and it is closed before the database stops.
 */
class FlywayOnEmbeddedPostgresTest {

    @Test
    void bootAutoConfiguredFlywayMigratesEmbeddedPostgres() throws Exception {
        Path home = Files.createTempDirectory("rostersync-flyway-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(home.resolve("pgdata"))
                .setRegisterShutdownHook(false)
                .start();
             ConfigurableApplicationContext context = new SpringApplicationBuilder(CompatApplication.class)
                     .main(CompatApplication.class)
                     .web(WebApplicationType.NONE)
                     .properties(
                             "spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                             "spring.datasource.username=postgres",
                             "spring.flyway.locations=classpath:db/compat-migration",
                             "spring.main.banner-mode=off")
                     .run()) {

            assertThat(context.getBeansWithAnnotation(SpringBootApplication.class))
                    .as("the real RostersyncApplication must not be part of this context")
                    .isEmpty();

            Flyway flyway = context.getBean(Flyway.class);
            MigrationInfo[] applied = flyway.info().applied();
            assertThat(applied).hasSize(1);
            assertThat(applied[0].getVersion().getVersion()).isEqualTo("1");
            assertThat(applied[0].getState().isApplied()).isTrue();
            assertThat(applied[0].getScript()).isEqualTo("V1__compat_probe.sql");

            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT payload->>'district' FROM compat_probe WHERE id = 1", String.class))
                    .isEqualTo("Springfield");
            assertThat(jdbc.queryForObject("SHOW server_version", String.class)).startsWith("18.6");
        } finally {
            EmbeddedPostgresTest.deleteRecursively(home);
        }
    }

    /**
     * Test-only Boot configuration. Nested in a test class so that Boot's TestTypeExcludeFilter keeps it out of the
     * real application's component scan; it is started explicitly above and never searched for.
     */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class CompatApplication {
    }
}
