package io.rostersync.oneroster;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.rostersync.oneroster.internal.HeaderMatch;
import io.rostersync.oneroster.internal.spec.Column;
import io.rostersync.oneroster.internal.spec.ColumnType;
import io.rostersync.oneroster.internal.spec.FileSpec;
import io.rostersync.oneroster.internal.spec.FileSpecs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * What we keep of a district's drop once it has been read: the manifest and the rostering files the
 * directory sync needs, without the columns it does not (passwords, {@code metadata.*} extensions).
 * Demographics, gradebook files and anything else a package holds are not kept. Rows stay as they
 * were, one for one, so a kept file's line numbers are the original's.
 */
public final class PackageCleaner {

    private PackageCleaner() {
    }

    /**
     * @param removedFiles   files of the package not kept
     * @param removedColumns per kept file, the columns left out
     */
    public record Cleaned(List<String> keptFiles, List<String> removedFiles, Map<String, List<String>> removedColumns) {
    }

    /** Writes what is kept of the package (a folder, or a ZIP) into {@code target}, a folder. */
    public static Cleaned clean(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, List<String>> columns = new TreeMap<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        entry(file.getFileName().toString(), in, target, kept, removed, columns);
                    }
                }
            }
        } else {
            try (ZipFile zip = ZipFile.builder().setPath(source).get()) {
                for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                    if (e.isDirectory()) {
                        continue;
                    }
                    String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                    try (InputStream in = zip.getInputStream(e)) {
                        entry(name, in, target, kept, removed, columns);
                    }
                }
            }
        }
        return new Cleaned(List.copyOf(kept), List.copyOf(removed), Map.copyOf(columns));
    }

    private static void entry(String name, InputStream in, Path target, List<String> kept, List<String> removed,
            Map<String, List<String>> columns) throws IOException {
        if (!keeps(name) || kept.contains(name)) {
            removed.add(name);
            return;
        }
        List<String> dropped = copyWithout(name, in, target.resolve(name));
        kept.add(name);
        if (!dropped.isEmpty()) {
            columns.put(name, dropped);
        }
    }

    private static boolean keeps(String name) {
        return name.equals("manifest.csv") || RosterFile.fromFileName(name).map(RosterFile::needed).orElse(false);
    }

    /**
     * Which header cells are kept: not one the reader reads as a secret (the password, however its
     * header is written: another case, invisible characters) or as a {@code metadata.*} extension,
     * under the header of any OneRoster version of the file; the kept copy must never hold what the
     * reader declined to read.
     */
    private static boolean[] kept(String name, List<String> header) {
        boolean[] keep = new boolean[header.size()];
        Arrays.fill(keep, true);
        Optional<RosterFile> file = RosterFile.fromFileName(name);
        if (file.isEmpty()) {
            return keep; // the manifest
        }
        for (OneRosterVersion version : OneRosterVersion.values()) {
            List<FileSpec> specs = FileSpecs.specs(file.get(), version);
            if (specs.isEmpty()) {
                continue;
            }
            HeaderMatch match = HeaderMatch.best(specs, header);
            match.metadataColumns().forEach(cell -> keep[cell] = false);
            List<Column> columns = match.spec().columns();
            for (int c = 0; c < columns.size(); c++) {
                int cell = match.indexOfColumn(c);
                if (cell >= 0 && columns.get(c).type() == ColumnType.SECRET) {
                    keep[cell] = false;
                }
            }
        }
        return keep;
    }

    /** Copies a CSV without its unneeded columns; returns their names. */
    private static List<String> copyWithout(String name, InputStream in, Path to) throws IOException {
        List<String> dropped = new ArrayList<>();
        boolean[] keep = null;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(false).allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8));
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(to),
                        StandardCharsets.UTF_8));
                CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
            for (CsvRecord record : reader) {
                if (keep == null) {
                    keep = kept(name, record.getFields());
                    for (int i = 0; i < keep.length; i++) {
                        if (!keep[i]) {
                            dropped.add(record.getField(i).trim());
                        }
                    }
                }
                List<String> fields = new ArrayList<>(record.getFieldCount());
                for (int i = 0; i < record.getFieldCount(); i++) {
                    if (i >= keep.length || keep[i]) {
                        fields.add(record.getField(i));
                    }
                }
                csv.writeRecord(fields);
            }
        }
        return dropped;
    }
}
