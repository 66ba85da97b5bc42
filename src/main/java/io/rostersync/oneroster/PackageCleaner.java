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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * What we keep of a district's drop once it has been read: the manifest and the rostering files the
 * directory sync needs, without the columns it does not (passwords, {@code metadata.*} extensions,
 * demographics other than the birth date). A birth date is kept as its key ({@link BirthDates}),
 * never as the date. Gradebook files and anything else a package holds are not kept. Rows stay as they
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

    /**
     * Writes what is kept of the package (a folder, or a ZIP) into {@code target}, a folder.
     *
     * @param birthDateKey the district's key of a birth date (see {@link BirthDates})
     */
    public static Cleaned clean(Path source, Path target, Function<LocalDate, String> birthDateKey) throws IOException {
        Files.createDirectories(target);
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, List<String>> columns = new TreeMap<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        entry(file.getFileName().toString(), in, target, kept, removed, columns, birthDateKey);
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
                        entry(name, in, target, kept, removed, columns, birthDateKey);
                    }
                }
            }
        }
        return new Cleaned(List.copyOf(kept), List.copyOf(removed), Map.copyOf(columns));
    }

    private static void entry(String name, InputStream in, Path target, List<String> kept, List<String> removed,
            Map<String, List<String>> columns, Function<LocalDate, String> birthDateKey) throws IOException {
        if (!keeps(name) || kept.contains(name)) {
            removed.add(name);
            return;
        }
        List<String> dropped = copyWithout(name, in, target.resolve(name), birthDateKey);
        kept.add(name);
        if (!dropped.isEmpty()) {
            columns.put(name, dropped);
        }
    }

    private static boolean keeps(String name) {
        return name.equals("manifest.csv") || RosterFile.fromFileName(name).map(RosterFile::needed).orElse(false);
    }

    /** What becomes of each header cell: kept as it is, left out, or kept as a birth date's key. */
    private enum Keep { AS_IS, OUT, AS_BIRTH_DATE_KEY }

    /** Each header cell's fate, and the name it is reported by when left out. */
    private record Plan(Keep[] keep, String[] names) {
    }

    /**
     * What becomes of each header cell: kept only when the reader reads it (under the header of any
     * OneRoster version of the file), and then not when it reads it as a secret (the password, however
     * its header is written: another case, invisible characters), as a personal fact the directory does
     * not need, or as a {@code metadata.*} extension: the kept copy must never hold what the reader
     * declined to read. A column of demographics.csv the reader does not know is named by its place,
     * not its header: a file sent without a header has a child's data there.
     */
    private static Plan plan(String name, List<String> header) {
        Keep[] keep = new Keep[header.size()];
        String[] names = new String[header.size()];
        Optional<RosterFile> file = RosterFile.fromFileName(name);
        if (file.isEmpty()) {
            Arrays.fill(keep, Keep.AS_IS); // the manifest
            return new Plan(keep, names);
        }
        boolean demographics = file.get() == RosterFile.DEMOGRAPHICS;
        Arrays.fill(keep, Keep.OUT);
        boolean[] never = new boolean[header.size()]; // a secret, a personal fact or an extension in any version
        boolean[] read = new boolean[header.size()];
        for (OneRosterVersion version : OneRosterVersion.values()) {
            List<FileSpec> specs = FileSpecs.specs(file.get(), version);
            if (specs.isEmpty()) {
                continue;
            }
            HeaderMatch match = HeaderMatch.best(specs, header);
            match.metadataColumns().forEach(cell -> never[cell] = true);
            List<Column> columns = match.spec().columns();
            for (int c = 0; c < columns.size(); c++) {
                int cell = match.indexOfColumn(c);
                if (cell < 0) {
                    continue;
                }
                ColumnType type = columns.get(c).type();
                names[cell] = columns.get(c).name();
                if (type == ColumnType.SECRET || type == ColumnType.PERSONAL) {
                    never[cell] = true;
                } else if (type == ColumnType.BIRTH_DATE) {
                    read[cell] = true;
                    keep[cell] = Keep.AS_BIRTH_DATE_KEY;
                } else {
                    read[cell] = true;
                }
            }
        }
        for (int cell = 0; cell < keep.length; cell++) {
            if (never[cell] || !read[cell]) {
                keep[cell] = Keep.OUT;
            } else if (keep[cell] == Keep.OUT) {
                keep[cell] = Keep.AS_IS;
            }
            if (keep[cell] == Keep.OUT) {
                names[cell] = !demographics ? header.get(cell).trim()
                        : never[cell] && names[cell] != null ? names[cell] : "column " + (cell + 1);
            }
        }
        return new Plan(keep, names);
    }

    /**
     * Copies a CSV without its unneeded columns; returns the names of those that held values (an empty
     * column left out is no oversharing to report). The header is the first line that is not blank, as
     * the reader takes it; cells beyond the header's width are written blank (the reader reads none of
     * them, and the row keeps its width, so a row it refused it refuses again).
     */
    private static List<String> copyWithout(String name, InputStream in, Path to,
            Function<LocalDate, String> birthDateKey) throws IOException {
        Plan plan = null;
        boolean[] filled = new boolean[0];
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(false).allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8));
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(to),
                        StandardCharsets.UTF_8));
                CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
            for (CsvRecord record : reader) {
                boolean blank = record.getFieldCount() == 1 && record.getField(0).isEmpty();
                if (plan == null && blank) {
                    csv.writeRecord(""); // a blank line before the header stays: line numbers do
                    continue;
                }
                boolean header = plan == null;
                if (header) {
                    plan = plan(name, record.getFields());
                    filled = new boolean[plan.keep().length];
                }
                List<String> fields = new ArrayList<>(record.getFieldCount());
                for (int i = 0; i < record.getFieldCount(); i++) {
                    if (i >= plan.keep().length) {
                        fields.add("");
                        continue;
                    }
                    Keep k = plan.keep()[i];
                    if (!header && k == Keep.OUT && !record.getField(i).isBlank()) {
                        filled[i] = true;
                    }
                    if (k == Keep.AS_BIRTH_DATE_KEY && !header) {
                        fields.add(BirthDates.keptCell(record.getField(i), birthDateKey));
                    } else if (k != Keep.OUT) {
                        fields.add(record.getField(i));
                    }
                }
                csv.writeRecord(fields);
            }
        }
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < filled.length; i++) {
            if (filled[i]) {
                dropped.add(plan.names()[i]);
            }
        }
        return dropped;
    }
}
