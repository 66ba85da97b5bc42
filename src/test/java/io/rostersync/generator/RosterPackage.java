package io.rostersync.generator;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A generated package read back with FastCSV, for the tests. */
final class RosterPackage {

    /** One file: its header, its records and the physical line each record starts on. */
    static final class Table {
        final List<String> header;
        final List<List<String>> rows = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();

        Table(List<String> header) {
            this.header = header;
        }

        int col(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + name + " in " + header);
            }
            return i;
        }

        String get(List<String> row, String name) {
            return row.get(col(name));
        }

        Stream<List<String>> stream() {
            return rows.stream();
        }

        List<String> column(String name) {
            int c = col(name);
            return rows.stream().map(r -> r.get(c)).toList();
        }

        /** Rows by their first column (sourcedId); a repeated id keeps the first row. */
        Map<String, List<String>> byId() {
            Map<String, List<String>> m = new LinkedHashMap<>();
            for (List<String> r : rows) {
                m.putIfAbsent(r.get(0), r);
            }
            return m;
        }
    }

    final Path dir;
    final Map<String, Table> tables = new HashMap<>();

    private RosterPackage(Path dir) {
        this.dir = dir;
    }

    static RosterPackage read(Path dir) {
        RosterPackage p = new RosterPackage(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                p.tables.put(f.getFileName().toString(), readTable(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Table readTable(Path file) throws IOException {
        Table t = null;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().detectBomHeader(true).allowExtraFields(true)
                .allowMissingFields(true).ofCsvRecord(file, StandardCharsets.UTF_8)) {
            for (CsvRecord r : reader) {
                if (t == null) {
                    t = new Table(List.copyOf(r.getFields()));
                } else {
                    t.rows.add(List.copyOf(r.getFields()));
                    t.lines.add(r.getStartingLineNumber());
                }
            }
        }
        return t;
    }

    Table table(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no " + name + " in " + dir);
        }
        return t;
    }

    /** Raw lines of a file by sourcedId (first field), assuming one line per record. */
    Map<String, String> rawLines(String name) throws IOException {
        Map<String, String> m = new HashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.indexOf(',');
            m.put(line.substring(0, comma), line);
        }
        return m;
    }
}
