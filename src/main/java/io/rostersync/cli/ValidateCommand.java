package io.rostersync.cli;

import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.ReadOptions;
import io.rostersync.oneroster.ReadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Read and validate a OneRoster CSV package (a folder or a ZIP).",
            "Exit status: 0 without errors, 1 with errors, 2 when the input cannot be read or the arguments are wrong."})
final class ValidateCommand implements Callable<Integer> {

    enum Format { text, json }

    @Parameters(paramLabel = "PATH", description = "A folder of OneRoster CSV files, or a ZIP of them.")
    Path path;

    @Option(names = "--format", defaultValue = "text", description = "text (for people) or json (for machines).")
    Format format;

    @Option(names = "--strict", description = "Treat leniencies (Excel damage, header case, missing manifest rows, ...) as errors.")
    boolean strict;

    @Option(names = "--details", defaultValue = "100", paramLabel = "N",
            description = "Details shown per problem code (all are counted). Default: ${DEFAULT-VALUE}.")
    int details;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReadResult result = OneRosterReader.read(path,
                ReadOptions.defaults().withStrict(strict).withDetailsPerCode(Math.max(0, details)));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(ValidationJson.render(result.report()));
        } else {
            ValidationText.render(path, result.report(), out);
        }
        out.flush();
        if (!result.report().readable()) {
            return RostersyncCommand.EXIT_UNUSABLE;
        }
        return result.report().hasErrors() ? 1 : 0;
    }
}
