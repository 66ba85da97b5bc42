package io.rostersync.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A OneRoster 1.1 package for sync scenarios: the district in {@code src/test/resources/sync/district},
 * changed row by row (by sourcedId and column name), then written to a folder. Values with commas
 * are quoted; the fixture's rows are simple enough to be split on commas outside quotes.
 */
final class ScenarioPackage {

    private final Map<String, List<List<String>>> files = new LinkedHashMap<>();

    static ScenarioPackage district() {
        ScenarioPackage p = new ScenarioPackage();
        try {
            Path base = Path.of("src/test/resources/sync/district");
            try (var list = Files.list(base)) {
                for (Path f : list.sorted().toList()) {
                    List<List<String>> rows = new ArrayList<>();
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        rows.add(split(line));
                    }
                    p.files.put(f.getFileName().toString().replace(".csv", ""), rows);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Adds a file the fixture does not have, with its header (rows then come by {@link #add}). */
    ScenarioPackage withFile(String file, String... header) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(Arrays.asList(header)));
        files.put(file, rows);
        return this;
    }

    /** Sets a column of the row with this sourcedId (or, in the manifest, this propertyName). */
    ScenarioPackage set(String file, String id, String column, String value) {
        List<String> row = row(file, id);
        row.set(column(file, column), value);
        return this;
    }

    ScenarioPackage remove(String file, String... ids) {
        List<String> gone = Arrays.asList(ids);
        rows(file).removeIf(r -> gone.contains(r.get(0)));
        return this;
    }

    /** Removes the rows whose column has this value (e.g. every enrollment of a user). */
    ScenarioPackage removeWhere(String file, String column, String value) {
        int c = column(file, column);
        List<List<String>> rows = rows(file);
        List<String> header = rows.get(0);
        rows.removeIf(r -> r != header && r.get(c).equals(value));
        return this;
    }

    /** Adds a row: its values in the file's column order. */
    ScenarioPackage add(String file, String... values) {
        if (values.length != rows(file).get(0).size()) {
            throw new IllegalArgumentException(file + " has " + rows(file).get(0).size() + " columns, not " + values.length);
        }
        rows(file).add(new ArrayList<>(Arrays.asList(values)));
        return this;
    }

    /** Adds a copy of a row under another sourcedId, with some columns changed (column, value, column, value...). */
    ScenarioPackage copy(String file, String id, String newId, String... columnValues) {
        List<String> copy = new ArrayList<>(row(file, id));
        copy.set(0, newId);
        for (int i = 0; i < columnValues.length; i += 2) {
            copy.set(column(file, columnValues[i]), columnValues[i + 1]);
        }
        rows(file).add(copy);
        return this;
    }

    /**
     * Every user under another id, wherever the package names them (users, their agents, enrollments,
     * demographics): the same district sent by another source (Clever's ids after a SIS's CSV).
     */
    ScenarioPackage renameUsers(java.util.function.UnaryOperator<String> newId) {
        rename("users", "sourcedId", newId);
        rename("users", "agentSourcedIds", newId);
        rename("enrollments", "userSourcedId", newId);
        if (files.containsKey("demographics")) {
            rename("demographics", "sourcedId", newId);
        }
        return this;
    }

    /** Every class under another id, in classes and enrollments: Clever's section ids after a SIS's CSV. */
    ScenarioPackage renameClasses(java.util.function.UnaryOperator<String> newId) {
        rename("classes", "sourcedId", newId);
        rename("enrollments", "classSourcedId", newId);
        return this;
    }

    private void rename(String file, String column, java.util.function.UnaryOperator<String> newId) {
        int c = column(file, column);
        List<List<String>> rows = rows(file);
        for (List<String> row : rows.subList(1, rows.size())) {
            String value = row.get(c);
            if (!value.isEmpty()) {
                row.set(c, String.join(",", Arrays.stream(value.split(",")).map(String::trim).map(newId).toList()));
            }
        }
    }

    /** The data rows of a file in the opposite order: the same rows, other bytes. */
    ScenarioPackage reverse(String file) {
        List<List<String>> data = rows(file).subList(1, rows(file).size());
        java.util.Collections.reverse(data);
        return this;
    }

    /** Drops a whole file (and says so in the manifest). */
    ScenarioPackage drop(String file) {
        files.remove(file);
        set("manifest", "file." + file, "value", "absent");
        return this;
    }

    ScenarioPackage mode(String file, String mode) {
        return set("manifest", "file." + file, "value", mode);
    }

    Path write(Path folder) {
        try {
            Files.createDirectories(folder);
            for (var file : files.entrySet()) {
                StringBuilder text = new StringBuilder();
                for (List<String> row : file.getValue()) {
                    for (int i = 0; i < row.size(); i++) {
                        String v = row.get(i);
                        text.append(i == 0 ? "" : ",").append(v.contains(",") ? "\"" + v + "\"" : v);
                    }
                    text.append('\n');
                }
                Files.writeString(folder.resolve(file.getKey() + ".csv"), text, StandardCharsets.UTF_8);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<List<String>> rows(String file) {
        List<List<String>> rows = files.get(file);
        if (rows == null) {
            throw new IllegalArgumentException("no file " + file);
        }
        return rows;
    }

    private List<String> row(String file, String id) {
        return rows(file).stream().skip(1).filter(r -> r.get(0).equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " has no row " + id));
    }

    private int column(String file, String column) {
        int c = rows(file).get(0).indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException(file + " has no column " + column);
        }
        return c;
    }

    private static List<String> split(String line) {
        List<String> values = new ArrayList<>();
        StringBuilder v = new StringBuilder();
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                values.add(v.toString());
                v.setLength(0);
            } else {
                v.append(ch);
            }
        }
        values.add(v.toString());
        return values;
    }
}
