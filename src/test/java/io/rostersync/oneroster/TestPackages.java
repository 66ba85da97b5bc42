package io.rostersync.oneroster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds test packages from the base fixtures under src/test/resources/oneroster/bases. */
final class TestPackages {

    private TestPackages() {
    }

    static Path copyOf(String base, Path dir) throws IOException {
        Path target = dir.resolve(base);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(OneRosterCase.BASES.resolve(base))) {
            for (Path p : files.toList()) {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        }
        return target;
    }

    static void append(Path pkg, String file, String... lines) throws IOException {
        Files.writeString(pkg.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    static Path zip(Path folder, Path zipFile) throws IOException {
        try (OutputStream out = Files.newOutputStream(zipFile); ZipOutputStream z = new ZipOutputStream(out);
                Stream<Path> files = Files.list(folder)) {
            for (Path p : files.sorted().toList()) {
                z.putNextEntry(new ZipEntry(p.getFileName().toString()));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }
        return zipFile;
    }
}
