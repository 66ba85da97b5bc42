package io.rostersync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The spec-as-data tables of the tests (tab-separated files under src/test/resources): each line a
 * case, its cells in order; blank lines and lines starting with # are comments.
 */
public final class TestTables {

    private TestTables() {
    }

    /** The cases of the table at this classpath resource, each as its cells (empty cells kept). */
    public static List<String[]> rows(String resource) {
        try (InputStream in = TestTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no table " + resource);
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases as a parameterized test's arguments, one per cell. */
    public static Stream<Arguments> arguments(String resource) {
        return rows(resource).stream().map(cells -> Arguments.of((Object[]) cells));
    }
}
