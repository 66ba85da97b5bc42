package io.rostersync.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A package as another source sends the same district: every user and class under a new id (Clever's
 * ids are not the SIS's), wherever the package names them, and users.csv sorted by id, as a REST pull
 * writes it (a household's guardians no longer beside their children). For {@code bench sync --switch}.
 */
final class SourceSwitch {

    /** Per file, the columns that hold user and class ids (a list of them, comma-separated, in agentSourcedIds). */
    private static final Map<String, List<String>> USER_COLUMNS = Map.of(
            "users.csv", List.of("sourcedId", "agentSourcedIds"),
            "classes.csv", List.of("sourcedId"),
            "enrollments.csv", List.of("userSourcedId", "classSourcedId"),
            "demographics.csv", List.of("sourcedId", "userSourcedId"),
            "userProfiles.csv", List.of("userSourcedId"),
            "roles.csv", List.of("userSourcedId"));

    private SourceSwitch() {
    }

    static String newId(String id) {
        return "n-" + id;
    }

    static void renameUsersAndClasses(Path zip, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (ZipFile in = ZipFile.builder().setPath(zip).get();
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
            for (ZipArchiveEntry entry : Collections.list(in.getEntries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream body = in.getInputStream(entry)) {
                    List<String> columns = USER_COLUMNS.get(entry.getName());
                    if (columns == null) {
                        body.transferTo(out);
                    } else {
                        rename(body, out, columns, entry.getName().equals("users.csv"));
                    }
                }
                out.closeEntry();
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void rename(InputStream body, OutputStream out, List<String> columns, boolean sortById)
            throws IOException {
        List<List<String>> sorted = sortById ? new ArrayList<>() : null;
        Writer text = new OutputStreamWriter(OutputStreamNoClose.of(out), StandardCharsets.UTF_8);
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(new InputStreamReader(body,
                StandardCharsets.UTF_8)); CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF)
                        .build(text)) {
            int[] renamed = null;
            for (CsvRecord row : reader) {
                if (renamed == null) {
                    List<Integer> at = new ArrayList<>();
                    for (int i = 0; i < row.getFieldCount(); i++) {
                        if (columns.contains(row.getField(i).replace("\uFEFF", "").trim())) {
                            at.add(i);
                        }
                    }
                    renamed = at.stream().mapToInt(Integer::intValue).toArray();
                    csv.writeRecord(row.getFields());
                    continue;
                }
                List<String> fields = new ArrayList<>(row.getFields());
                for (int i : renamed) {
                    if (i < fields.size() && !fields.get(i).isBlank()) {
                        fields.set(i, String.join(",", Arrays.stream(fields.get(i).split(",")).map(String::trim)
                                .map(SourceSwitch::newId).toList()));
                    }
                }
                if (sorted != null) {
                    sorted.add(fields);
                } else {
                    csv.writeRecord(fields);
                }
            }
            if (sorted != null) {
                // as a REST pull writes users, sorted by sourcedId: households no longer together
                sorted.sort(java.util.Comparator.comparing(fields -> fields.get(0)));
                sorted.forEach(csv::writeRecord);
            }
        }
    }

    /** The zip entry's stream, which the CSV writer's close must not close. */
    private static final class OutputStreamNoClose extends java.io.FilterOutputStream {
        private OutputStreamNoClose(OutputStream out) {
            super(out);
        }

        static OutputStream of(OutputStream out) {
            return new OutputStreamNoClose(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
