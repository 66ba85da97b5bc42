package io.rostersync.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Generates each distinct package once per test run, into a temporary folder. */
final class GeneratorFixtures {

    private static final Map<GeneratorOptions, Path> CACHE = new ConcurrentHashMap<>();
    private static Path root;

    private GeneratorFixtures() {
    }

    static synchronized Path folder(GeneratorOptions options) {
        return CACHE.computeIfAbsent(options, o -> {
            try {
                if (root == null) {
                    root = Files.createTempDirectory("rostersync-generator-test");
                    Path dir = root;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                }
                Path out = root.resolve("p" + CACHE.size() + "-" + Math.abs(o.hashCode()));
                RosterGenerator.generate(o, out);
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    static RosterPackage read(GeneratorOptions options) {
        return RosterPackage.read(folder(options));
    }
}
