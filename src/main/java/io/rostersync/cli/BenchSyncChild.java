package io.rostersync.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.rostersync.directory.EntityKind;
import io.rostersync.storage.Database;
import io.rostersync.storage.Databases;
import io.rostersync.storage.StorageOptions;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.Syncs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The measured steps of {@code bench sync}, each run by {@code bench child} in a JVM of its own:
 * one sync of a ZIP into an embedded data directory, and the COPY floor. Each returns its figures
 * as key=value pairs, printed on one {@link #RESULT} line for the parent to read.
 */
final class BenchSyncChild {

    /** The prefix of the result line (the embedded server may log other lines to standard output). */
    static final String RESULT = "BENCH-RESULT";

    private BenchSyncChild() {
    }

    /**
     * Syncs {@code zip} into {@code district} of the data directory's database. Measured: the
     * {@code Syncs.sync} call (wall, and each stage from the stage callback to the next; the last
     * stage, apply, runs to the end of the call, so it includes the commit), then this JVM's peak
     * RSS and heap, then the database size. Then, outside the measurement: VACUUM (ANALYZE) unless
     * {@code vacuum} is false (what autovacuum would have done before the next nightly run, and
     * would otherwise do during the next measured step), and a CHECKPOINT, which lets the server
     * stop within the embedded server's 5 s shutdown wait.
     */
    static Map<String, String> sync(Path dataDir, String district, Path zip, boolean vacuum, boolean replan)
            throws IOException, SQLException {
        HeapWatch heap = new HeapWatch();
        Map<String, String> out = new LinkedHashMap<>();
        long opening = System.nanoTime();
        try (Database db = Databases.open(new StorageOptions(dataDir, null, null, null))) {
            out.put("openMs", Long.toString(millisSince(opening)));
            Syncs syncs = new Syncs(db.dataSource(), io.rostersync.storage.SecretBox.open(dataDir,
                    System.getenv("ROSTERSYNC_SECRET_KEY")));
            Map<String, Long> reached = new LinkedHashMap<>();
            long start = System.nanoTime();
            RunReport report = syncs.sync(Syncs.Request.of(district, zip).withReplan(replan)
                    .withStage(s -> reached.put(s.replace(' ', '-'), System.nanoTime()))); // result keys take no spaces
            long end = System.nanoTime();
            out.put("wallMs", Long.toString((end - start) / 1_000_000));
            out.put("rssKb", Long.toString(BenchChildCommand.peakRssKb()));
            out.put("heapUsedKb", Long.toString(heap.peakUsed() / 1024));
            out.put("heapAfterGcKb", Long.toString(heap.peakAfterGc() / 1024));
            out.put("heapPoolPeaksKb", Long.toString(HeapWatch.sumOfPoolPeaks() / 1024));
            List<String> stages = List.copyOf(reached.keySet());
            for (int i = 0; i < stages.size(); i++) {
                long until = i + 1 < stages.size() ? reached.get(stages.get(i + 1)) : end;
                out.put("stage." + stages.get(i), Long.toString((until - reached.get(stages.get(i))) / 1_000_000));
            }
            out.put("run", Long.toString(report.run()));
            out.put("status", report.status().label());
            out.put("changes", Long.toString(report.changes()));
            out.put("skips", Long.toString(report.skips()));
            out.put("problems", Long.toString(report.problems().size()));
            for (EntityKind kind : EntityKind.values()) {
                RunReport.Counts c = report.counts(kind);
                String k = "count." + kind.label() + ".";
                out.put(k + "created", Long.toString(c.created()));
                out.put(k + "updated", Long.toString(c.updated()));
                out.put(k + "archived", Long.toString(c.archived()));
                out.put(k + "restored", Long.toString(c.restored()));
                out.put(k + "unchanged", Long.toString(c.unchanged()));
            }
            if (!report.holdReasons().isEmpty() || report.error() != null) {
                System.err.println("run " + report.run() + " " + report.status().label() + ": "
                        + String.join("; ", report.holdReasons()) + (report.error() == null ? "" : report.error()));
            }
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                out.put("dbBytes", Long.toString(databaseSize(s)));
                if (vacuum) {
                    long vacuuming = System.nanoTime();
                    s.execute("VACUUM (ANALYZE)");
                    out.put("vacuumMs", Long.toString(millisSince(vacuuming)));
                }
                long checkpoint = System.nanoTime();
                s.execute("CHECKPOINT");
                out.put("checkpointMs", Long.toString(millisSince(checkpoint)));
            }
        }
        return out;
    }

    /**
     * The COPY floor: users.csv, classes.csv and enrollments.csv of the ZIP, streamed with FastCSV
     * and COPYed (text format, one transaction) into person, classroom (under one school) and
     * classroom_member of a new district, with ids assigned here from sourcedId maps, foreign keys not
     * checked row by row (as in the engine's bulk path). No checks, no source links, roles, guardian
     * links or journal: a floor, not a product path.
     */
    static Map<String, String> copyFloor(Path dataDir, Path zip) throws IOException, SQLException {
        HeapWatch heap = new HeapWatch();
        Map<String, String> out = new LinkedHashMap<>();
        long opening = System.nanoTime();
        try (Database db = Databases.open(new StorageOptions(dataDir, null, null, null));
                Connection c = db.dataSource().getConnection();
                ZipFile zipFile = ZipFile.builder().setPath(zip).get()) {
            out.put("openMs", Long.toString(millisSince(opening)));
            long start = System.nanoTime();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // as the engine's bulk path does: foreign keys not checked row by row (it then checks them set-based)
                s.execute("SET LOCAL session_replication_role = replica");
            }
            long district = insertReturningId(c, "INSERT INTO district (slug, name) VALUES ('copy-floor', 'COPY floor')"
                    + " RETURNING id");
            long school = insertReturningId(c, "INSERT INTO school (district_id, name, managed_by) VALUES (" + district
                    + ", 'All schools', 'oneroster') RETURNING id");
            Map<String, Long> people = new HashMap<>();
            Map<String, Long> classrooms = new HashMap<>();
            String d = Long.toString(district);
            long users = copy(c, zipFile, "users.csv", "person (district_id, id, kind, given_name, family_name, email,"
                    + " username, student_number, managed_by)", (row, copy) -> {
                        long id = people.size() + 1L;
                        if (people.put(row.get("sourcedId"), id) != null) {
                            throw new IllegalStateException("users.csv repeats " + row.get("sourcedId"));
                        }
                        String role = row.get("role");
                        copy.row(d, Long.toString(id), personKind(role), row.get("givenName"), row.get("familyName"),
                                blankToNull(row.get("email")), blankToNull(row.get("username")),
                                role.equals("student") ? blankToNull(row.get("identifier")) : null, "oneroster");
                    });
            long classes = copy(c, zipFile, "classes.csv", "classroom (district_id, id, school_id, title, code)",
                    (row, copy) -> {
                        long id = classrooms.size() + 1L;
                        if (classrooms.put(row.get("sourcedId"), id) != null) {
                            throw new IllegalStateException("classes.csv repeats " + row.get("sourcedId"));
                        }
                        copy.row(d, Long.toString(id), Long.toString(school), row.get("title"),
                                blankToNull(row.get("classCode")));
                    });
            long enrollments = copy(c, zipFile, "enrollments.csv", "classroom_member (district_id, classroom_id,"
                    + " person_id, role, is_primary)", (row, copy) -> {
                        String role = row.get("role");
                        if (!MEMBER_ROLES.contains(role)) {
                            throw new IllegalStateException("enrollments.csv: role " + role);
                        }
                        copy.row(d, Long.toString(required(classrooms, row.get("classSourcedId"))),
                                Long.toString(required(people, row.get("userSourcedId"))), role,
                                "true".equals(row.get("primary")) ? "t" : "f");
                    });
            c.commit();
            out.put("wallMs", Long.toString(millisSince(start)));
            out.put("rssKb", Long.toString(BenchChildCommand.peakRssKb()));
            out.put("heapUsedKb", Long.toString(heap.peakUsed() / 1024));
            out.put("heapAfterGcKb", Long.toString(heap.peakAfterGc() / 1024));
            out.put("heapPoolPeaksKb", Long.toString(HeapWatch.sumOfPoolPeaks() / 1024));
            out.put("rows", Long.toString(users + classes + enrollments));
            out.put("rows.users", Long.toString(users));
            out.put("rows.classes", Long.toString(classes));
            out.put("rows.enrollments", Long.toString(enrollments));
            try (Statement s = c.createStatement()) {
                out.put("dbBytes", Long.toString(databaseSize(s)));
                c.commit();
                s.execute("CHECKPOINT");
            }
        }
        return out;
    }

    private static final Set<String> MEMBER_ROLES = Set.of("teacher", "student", "administrator", "proctor");

    private static String personKind(String role) {
        return switch (role) {
            case "student" -> "students";
            case "teacher", "aide", "administrator" -> "staff";
            case "parent", "guardian", "relative" -> "guardians";
            default -> throw new IllegalStateException("users.csv: role " + role);
        };
    }

    private static long required(Map<String, Long> ids, String sourcedId) {
        Long id = ids.get(sourcedId);
        if (id == null) {
            throw new IllegalStateException("enrollments.csv refers to unknown " + sourcedId);
        }
        return id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** One CSV record, fields by header name. */
    interface Row {
        String get(String column);
    }

    interface RowCopier {
        void accept(Row row, CopyWriter copy) throws IOException;
    }

    /** Streams one ZIP entry's records through {@code each} into one COPY; returns the records. */
    private static long copy(Connection c, ZipFile zip, String entry, String table, RowCopier each)
            throws IOException, SQLException {
        ZipArchiveEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new IOException("the package has no " + entry);
        }
        long rows = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .ofCsvRecord(new InputStreamReader(zip.getInputStream(e), StandardCharsets.UTF_8));
                CopyWriter copy = new CopyWriter(c, "COPY " + table + " FROM STDIN (FORMAT text)")) {
            Map<String, Integer> header = null;
            for (CsvRecord record : reader) {
                if (header == null) {
                    header = new HashMap<>();
                    for (int i = 0; i < record.getFieldCount(); i++) {
                        header.put(record.getField(i), i);
                    }
                    continue;
                }
                Map<String, Integer> columns = header;
                each.accept(column -> {
                    Integer i = columns.get(column);
                    if (i == null) {
                        throw new IllegalStateException(entry + " has no column " + column);
                    }
                    return i < record.getFieldCount() ? record.getField(i) : "";
                }, copy);
                rows++;
            }
        }
        return rows;
    }

    /** One COPY ... FROM STDIN (FORMAT text), streamed: a row at a time, escaped, in UTF-8. */
    static final class CopyWriter implements AutoCloseable {
        private final Writer out;

        CopyWriter(Connection c, String sql) throws SQLException {
            PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql, 1 << 16);
            this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
        }

        void row(String... values) throws IOException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.write('\t');
                }
                writeField(out, values[i]);
            }
            out.write('\n');
        }

        /** Ends the COPY (closing the PGCopyOutputStream ends it). */
        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** A field in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
    static void writeField(Writer out, String value) throws IOException {
        if (value == null) {
            out.write("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                default -> out.write(ch);
            }
        }
    }

    private static long insertReturningId(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long databaseSize(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** The result line: {@link #RESULT}, then key=value pairs separated by spaces (no spaces in either). */
    static String format(Map<String, String> result) {
        StringBuilder b = new StringBuilder(RESULT);
        result.forEach((k, v) -> {
            if (k.contains(" ") || k.contains("=") || v.contains(" ")) {
                throw new IllegalArgumentException("not a result pair: " + k + "=" + v);
            }
            b.append(' ').append(k).append('=').append(v);
        });
        return b.toString();
    }

    /** The pairs of the result line among a child's output lines. */
    static Map<String, String> parse(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.startsWith(RESULT + " ") || line.equals(RESULT)) {
                Map<String, String> result = new LinkedHashMap<>();
                for (String pair : line.substring(RESULT.length()).trim().split(" +")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("not a result pair: " + pair);
                    }
                    result.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                return result;
            }
        }
        throw new IllegalArgumentException("no " + RESULT + " line in the child's output");
    }

    /**
     * The heap's peak use, from the GC notifications: the heap used just before each collection (the
     * peak since the one before) and just after it (an upper bound of what was live), the larger of
     * each over the run, and the heap used now.
     */
    static final class HeapWatch {
        private final AtomicLong beforeGc = new AtomicLong();
        private final AtomicLong afterGc = new AtomicLong();
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

        HeapWatch() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener((n, handback) -> {
                        if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                                    .getGcInfo();
                            beforeGc.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
                            afterGc.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc()), Math::max);
                        }
                    }, null, null);
                }
            }
        }

        private long heapUsed(Map<String, MemoryUsage> byPool) {
            return byPool.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().getUsed()).sum();
        }

        long peakUsed() {
            return Math.max(beforeGc.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        long peakAfterGc() {
            return afterGc.get();
        }

        /** The sum of the heap pools' own peaks: an upper bound (the pools peak at different times). */
        static long sumOfPoolPeaks() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }
    }
}
