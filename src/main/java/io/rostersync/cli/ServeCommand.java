package io.rostersync.cli;

import io.rostersync.RostersyncApplication;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.accounts.Passwords;
import io.rostersync.demo.DemoCounts;
import io.rostersync.demo.DemoDistrict;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.intake.HostedSftp;
import io.rostersync.intake.SftpAccounts;
import io.rostersync.storage.Database;
import io.rostersync.storage.Databases;
import io.rostersync.storage.StorageOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the service (the default command).",
            "Without spring.datasource.url it runs an embedded PostgreSQL whose data lives in the data directory;"
                    + " other Spring Boot options (--server.port=8080, --spring.datasource.url=...) pass through."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "rostersync-data")
    Path dataDir;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Database database = Databases.open(storageOptions());
        SpringApplication application = new SpringApplication(RostersyncApplication.class);
        application.setMainApplicationClass(RostersyncApplication.class);
        Map<String, Object> defaults = new HashMap<>(database.springProperties());
        defaults.put("rostersync.data-dir", dataDir.toAbsolutePath().toString());
        // the only process on its embedded database: a drop left running was left by one that died
        defaults.put("rostersync.intake.sole-node", database.kind() == Database.Kind.EMBEDDED_OWNED);
        if (springOption("logging.structured.format.console", "LOGGING_STRUCTURED_FORMAT_CONSOLE") != null
                && springOption("logging.config", "LOGGING_CONFIG") == null) {
            // our logback.xml writes plain lines; asked for structured ones, Boot's structured appender
            defaults.put("logging.config", "classpath:logback-structured.xml");
        }
        application.setDefaultProperties(defaults);
        ConfigurableApplicationContext context;
        try {
            context = application.run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        // the database goes last: Spring announces the close (ContextClosedEvent) before it stops the
        // service's threads, and a sync under way must be let finish and record its drop
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            database.close();
        }, "rostersync-shutdown"));
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.printf("Rostersync is running (database: %s, %s); stop it with Ctrl+C.%n",
                database.jdbcUrl(), describe(database.kind()));
        firstStart(context, out);
        String webPort = context.getEnvironment().getProperty("local.server.port");
        if (webPort != null) {
            out.printf("Console: http://localhost:%s/console (sign in as an admin)%n", webPort);
            out.printf("REST API: http://localhost:%s/api/v1 (an admin's user and password, or a district API token);"
                    + " health: http://localhost:%s/actuator/health%n", webPort, webPort);
        }
        context.getBeanProvider(HostedSftp.class).ifAvailable(sftp -> out.printf(
                "SFTP: each district's folder on port %d (sftp -P %d USER@HOST).%n", sftp.port(), sftp.port()));
        out.flush();
        return waitForShutdown(context);
    }

    /**
     * On a fresh installation, a district to try the product with (with the records it made by hand
     * before any sync, which its roster's first sync meets), its SFTP account and its first admin,
     * whose passwords are shown this once (or taken from ROSTERSYNC_DEMO_SFTP_PASSWORD and
     * ROSTERSYNC_ADMIN_PASSWORD) and kept only hashed. An installation from before admin accounts
     * existed gets its first admin the same way.
     */
    private static void firstStart(ConfigurableApplicationContext context, java.io.PrintWriter out)
            throws java.sql.SQLException {
        javax.sql.DataSource dataSource = context.getBean(javax.sql.DataSource.class);
        Districts districts = new Districts(dataSource);
        if (districts.none()) {
            District demo = districts.findOrCreate(DEMO);
            Secret password = secret("ROSTERSYNC_DEMO_SFTP_PASSWORD");
            new SftpAccounts(dataSource).save(demo.id(), DEMO, password.value());
            out.printf("Created the demo district '%s'. Its SFTP account: user %s, password %s%n", DEMO, DEMO,
                    password.shown());
            DemoDistrict.seed(dataSource, demo.id(),
                    context.getBean(io.rostersync.storage.SecretBox.class).birthDateKey(demo.id())).ifPresent(counts -> out.println(describe(counts)));
        }
        AdminAccounts admins = new AdminAccounts(dataSource);
        java.util.Optional<District> demo = districts.find(DEMO);
        if (!admins.any() && demo.isPresent()) {
            Secret password = secret("ROSTERSYNC_ADMIN_PASSWORD");
            admins.create(demo.get().id(), ADMIN, password.value(), AdminRole.DISTRICT_ADMIN, List.of());
            out.printf("Its first district admin: user %s, password %s%n", ADMIN, password.shown());
        }
    }

    private static String describe(DemoCounts counts) {
        return String.format("Its directory has what it made by hand before any sync: %d schools without School IDs,"
                + " %d classrooms, %d teachers, %d students and %d guardians (see the README's demo district);"
                + " its roster: generate --demo.", counts.schools(), counts.classrooms(), counts.teachers(),
                counts.students(), counts.guardians());
    }

    /** A password to set: from the environment when given there, else a new one to show once. */
    private record Secret(String value, String shown) {
    }

    private static Secret secret(String environmentVariable) {
        String given = System.getenv(environmentVariable);
        if (given == null || given.isBlank()) {
            String password = Passwords.newPassword();
            return new Secret(password, password + " (shown this once; only its hash is kept)");
        }
        return new Secret(given, "from " + environmentVariable);
    }

    private static final String ADMIN = "admin";
    private static final String DEMO = DemoDistrict.SLUG;

    private StorageOptions storageOptions() {
        String url = springOption("spring.datasource.url", "SPRING_DATASOURCE_URL");
        return new StorageOptions(dataDir, url, springOption("spring.datasource.username", "SPRING_DATASOURCE_USERNAME"),
                springOption("spring.datasource.password", "SPRING_DATASOURCE_PASSWORD"));
    }

    private String springOption(String name, String environmentVariable) {
        for (String arg : springArgs) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return System.getenv(environmentVariable);
    }

    private static String describe(Database.Kind kind) {
        return switch (kind) {
            case CONFIGURED -> "configured server";
            case EMBEDDED_OWNED -> "embedded, in the data directory";
            case EMBEDDED_SHARED -> "embedded, owned by another process";
        };
    }

    private static int waitForShutdown(ConfigurableApplicationContext context) {
        // with the web server off (--spring.main.web-application-type=none) nothing else keeps the JVM up
        try {
            while (context.isActive()) {
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
