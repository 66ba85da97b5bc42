package io.rostersync.cli;

import io.rostersync.generator.OneRosterRestStub;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves a OneRoster CSV package as a OneRoster 1.1 REST API on this machine, to try a roster API locally. */
@Command(name = "stub-api", mixinStandardHelpOptions = true,
        description = "Serve a OneRoster CSV package (a folder or a ZIP, e.g. from generate) as a OneRoster 1.1"
                + " REST API on 127.0.0.1, until stopped; connect a district to it with"
                + " --rostersync.poll.allow-private-hosts=true.")
final class StubApiCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "PACKAGE", description = "The package to serve.")
    Path from;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8089", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", paramLabel = "T", defaultValue = "stub-token",
            description = "The bearer token it accepts (default ${DEFAULT-VALUE}).")
    String token;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (OneRosterRestStub stub = OneRosterRestStub.serve(from, port, token)) {
            out.printf("Serving %s as a OneRoster 1.1 REST API at %s (bearer token %s). Ctrl-C stops it.%n", from,
                    stub.baseUrl(), token);
            out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
