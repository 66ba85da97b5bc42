package io.rostersync;

import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as {@code serve} runs it (web server on a free port, all modules), started once per
 * test JVM on a database of its own; test classes share it and keep apart by using districts of
 * their own. The SFTP server and the drop loop are off: tests that need them start their own.
 */
public final class TestService {

    private static TestService shared;

    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final int port;

    private TestService(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public static synchronized TestService shared() {
        if (shared == null) {
            Database db = TestDatabases.fresh("service");
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("rostersync-service");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SpringApplication application = new SpringApplication(RostersyncApplication.class);
            Map<String, Object> properties = new HashMap<>(db.springProperties());
            properties.put("rostersync.data-dir", dataDir.toString());
            properties.put("rostersync.sftp.enabled", "false");
            properties.put("rostersync.intake.enabled", "false");
            properties.put("rostersync.poll.allow-private-hosts", "true"); // the tests' SFTP sites are on loopback
            properties.put("rostersync.feed.enabled", "false"); // a test checks the feeds when it means to
            properties.put("server.port", "0");
            // small, so that a test can go over it
            properties.put("rostersync.upload.max-size", "3MB");
            application.setDefaultProperties(properties);
            ConfigurableApplicationContext context = application.run();
            shared = new TestService(context, dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                context.close();
                db.close();
            }));
        }
        return shared;
    }

    public DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }
}
