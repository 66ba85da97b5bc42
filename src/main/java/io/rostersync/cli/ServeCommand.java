package io.rostersync.cli;

import io.rostersync.RostersyncApplication;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "serve", description = "Start the service (the default command).")
final class ServeCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", hidden = true, description = "Spring Boot arguments, e.g. --server.port=8080")
    String[] springArgs = new String[0];

    @Override
    public Integer call() {
        ConfigurableApplicationContext context = SpringApplication.run(RostersyncApplication.class, springArgs);
        return context.isActive() ? waitForShutdown(context) : 1;
    }

    private static int waitForShutdown(ConfigurableApplicationContext context) {
        // The web server (later issues) keeps the JVM alive; until then, stay up until stopped.
        Thread.currentThread().setName("rostersync-serve");
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
