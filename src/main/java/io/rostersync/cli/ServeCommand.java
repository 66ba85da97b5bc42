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

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SpringApplication application = new SpringApplication(RostersyncApplication.class);
        application.setMainApplicationClass(RostersyncApplication.class);
        ConfigurableApplicationContext context = application.run(springArgs);
        spec.commandLine().getOut().println("Rostersync is running; stop it with Ctrl+C.");
        spec.commandLine().getOut().flush();
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
