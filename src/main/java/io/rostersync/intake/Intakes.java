package io.rostersync.intake;

import io.rostersync.oneroster.PackageCleaner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The drops districts sent, and the queue they wait in: a received drop is claimed by one node at
 * a time per district ({@code FOR UPDATE SKIP LOCKED} on the district's row), so that several
 * application nodes on one database never sync one district's drops at once, nor out of order.
 */
public final class Intakes {

    private final DataSource dataSource;

    public Intakes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A drop: where its files are kept, and what became of it. */
    public record Intake(long districtId, long id, String channel, List<String> files, long bytes, String sha256,
            Path path, String status, Long runId, String detail, Instant receivedAt, Instant notBefore,
            Instant purgedAt, String origin) {

        /** Where the drop came from, in an admin's words. */
        public String from() {
            return switch (channel) {
                case "sftp" -> "our SFTP folder";
                case "poll" -> "the district's SFTP site" + (origin == null ? "" : " (" + origin + ")");
                case "upload" -> "an upload";
                case "api" -> origin == null ? "the district's roster API" : origin;
                case "rerun" -> origin == null ? "a drop synced again" : origin + ", synced again";
                default -> channel;
            };
        }

        /** What to read: the ZIP when the drop is one ZIP, else the folder of its files. */
        public Path source() {
            return files.size() == 1 && files.get(0).toLowerCase(java.util.Locale.ROOT).endsWith(".zip")
                    ? path.resolve(files.get(0)) : path;
        }
    }

    private static final String COLUMNS =
            "district_id, id, channel, files, bytes, sha256, path, status, run_id, detail, received_at, not_before,"
                    + " purged_at, origin";

    /**
     * Records a complete drop; one whose bytes are those of the district's last drop (that did not
     * fail) is recorded as skipped, and waits for nothing.
     */
    public Intake record(long districtId, String channel, List<String> files, long bytes, String sha256, Path path)
            throws SQLException {
        return record(districtId, channel, null, files, bytes, sha256, path);
    }

    /** @param origin what sent it beyond the channel (an API's provider and host, an SFTP site's host), or null */
    public Intake record(long districtId, String channel, String origin, List<String> files, long bytes, String sha256,
            Path path) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String status = "received";
            String detail = null;
            // a drop that failed (the database was down, say) may be sent again as it was: that one is synced
            try (PreparedStatement s = c.prepareStatement("SELECT id, sha256 FROM intake WHERE district_id = ?"
                    + " AND status NOT IN ('skipped', 'failed') ORDER BY id DESC LIMIT 1")) {
                s.setLong(1, districtId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getString(2).equals(sha256)) {
                        status = "skipped";
                        detail = "the same bytes as drop " + rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO intake (district_id, channel, files, bytes,"
                    + " sha256, path, status, detail, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
                s.setLong(1, districtId);
                s.setString(2, channel);
                s.setArray(3, c.createArrayOf("text", files.toArray()));
                s.setLong(4, bytes);
                s.setString(5, sha256);
                s.setString(6, path.toString());
                s.setString(7, status);
                s.setString(8, detail);
                s.setString(9, origin);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return intake(rs);
                }
            }
        }
    }

    /**
     * Takes the oldest waiting drop of a district that has none running, and marks it running; empty
     * when nothing waits (or every district with waiting drops has one running, or is being claimed
     * by another node).
     */
    public Optional<Intake> claim() throws SQLException {
        return claim(Instant.now());
    }

    /**
     * Takes the oldest waiting drop of a district that has none running, if its time has come
     * ({@code not_before}); a district's drops are synced in order, so a later one never goes first.
     */
    public Optional<Intake> claim(Instant now) throws SQLException {
        java.sql.Timestamp at = java.sql.Timestamp.from(now);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Long district = null;
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT d.id FROM district d
                        JOIN LATERAL (SELECT min(i.id) AS first FROM intake i
                                      WHERE i.district_id = d.id AND i.status = 'received') w ON w.first IS NOT NULL
                        WHERE EXISTS (SELECT 1 FROM intake i WHERE i.district_id = d.id AND i.id = w.first
                                      AND i.not_before <= ?)
                          AND NOT EXISTS (SELECT 1 FROM intake i WHERE i.district_id = d.id AND i.status = 'running')
                        ORDER BY w.first
                        LIMIT 1 FOR NO KEY UPDATE OF d SKIP LOCKED""")) {
                    s.setTimestamp(1, at);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            district = rs.getLong(1);
                        }
                    }
                }
                Optional<Intake> claimed = Optional.empty();
                if (district != null) {
                    // a statement of its own, so a snapshot of its own: a drop another node claimed (and committed)
                    // while this one waited for the district's row is seen running here, and nothing is claimed
                    try (PreparedStatement s = c.prepareStatement("UPDATE intake SET status = 'running', claimed_at = now()"
                            + " WHERE district_id = ? AND id = (SELECT min(id) FROM intake WHERE district_id = ?"
                            + " AND status = 'received') AND status = 'received' AND not_before <= ? AND NOT EXISTS"
                            + " (SELECT 1 FROM intake WHERE district_id = ? AND status = 'running') RETURNING " + COLUMNS)) {
                        s.setLong(1, district);
                        s.setLong(2, district);
                        s.setTimestamp(3, at);
                        s.setLong(4, district);
                        try (ResultSet rs = s.executeQuery()) {
                            if (rs.next()) {
                                claimed = Optional.of(intake(rs));
                            }
                        }
                    }
                }
                c.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** What became of a claimed drop: previewed, synced or failed (with the run, if one was made), or received again. */
    public void finish(Intake intake, String status, Long runId, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE intake SET status = ?, run_id = ?, detail = ? WHERE district_id = ? AND id = ?")) {
            s.setString(1, status);
            if (runId == null) {
                s.setNull(2, java.sql.Types.BIGINT);
            } else {
                s.setLong(2, runId);
            }
            s.setString(3, detail);
            s.setLong(4, intake.districtId());
            s.setLong(5, intake.id());
            s.executeUpdate();
        }
    }

    /**
     * Replaces a drop that has been read by what we keep of it ({@link PackageCleaner}): the
     * rostering files without passwords, extension columns and demographics but the birth date, and
     * that as its key; the original files are deleted. The drop keeps the original's SHA-256.
     *
     * @param birthDateKey the district's key of a birth date
     */
    public Intake keepOnlyWhatIsNeeded(Intake drop, java.util.function.Function<java.time.LocalDate, String> birthDateKey)
            throws IOException, SQLException {
        Path kept = drop.path().resolve("kept");
        PackageCleaner.Cleaned cleaned = PackageCleaner.clean(drop.source(), kept, birthDateKey);
        for (String name : drop.files()) {
            Files.deleteIfExists(drop.path().resolve(name));
        }
        List<String> notKept = new ArrayList<>(cleaned.removedFiles());
        cleaned.removedColumns().forEach((file, columns) -> notKept.add("the " + String.join(", ", columns)
                + (columns.size() == 1 ? " column" : " columns") + " of " + file));
        String removed = notKept.isEmpty() ? null : "not kept: " + String.join(", ", notKept);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE intake"
                + " SET path = ?, files = ?, detail = concat_ws('; ', detail, ?) WHERE district_id = ? AND id = ?"
                + " RETURNING " + COLUMNS)) {
            s.setString(1, kept.toString());
            s.setArray(2, c.createArrayOf("text", cleaned.keptFiles().toArray()));
            s.setString(3, removed);
            s.setLong(4, drop.districtId());
            s.setLong(5, drop.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return intake(rs);
            }
        }
    }

    /**
     * Notes the short result of a polled drop, to be written into the out/ folder of the district's
     * site when it asks for results; nothing for other drops.
     */
    public void noteResult(Intake drop, String name, String body) throws SQLException {
        if (!drop.channel().equals("poll")) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO drop_result (district_id, intake_id, name, body)
                SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sftp_site WHERE district_id = ? AND write_results)
                ON CONFLICT (district_id, intake_id) DO UPDATE SET name = excluded.name, body = excluded.body,
                    written_at = NULL""")) {
            s.setLong(1, drop.districtId());
            s.setLong(2, drop.id());
            s.setString(3, name);
            s.setString(4, body);
            s.setLong(5, drop.districtId());
            s.executeUpdate();
        }
    }

    /** A result file waiting to be written to the district's site. */
    record PendingResult(long intakeId, String name, String body) {
    }

    List<PendingResult> pendingResults(long districtId) throws SQLException {
        List<PendingResult> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT intake_id,"
                + " name, body FROM drop_result WHERE district_id = ? AND written_at IS NULL ORDER BY intake_id")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new PendingResult(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    void resultWritten(long districtId, long intakeId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE drop_result SET written_at = now() WHERE district_id = ? AND intake_id = ?")) {
            s.setLong(1, districtId);
            s.setLong(2, intakeId);
            s.executeUpdate();
        }
    }

    /**
     * Deletes the kept files of the drops older than their district's retention ({@link Arrival#keepDays}),
     * except each district's latest read drop (what "run now" syncs again); the drops' rows stay, with
     * their names, sizes and SHA-256, marked purged. Returns how many were purged.
     */
    public int purgeExpired(Path dataDir, Instant now, int limit) throws SQLException, IOException {
        List<Intake> expired = query("""
                i WHERE i.purged_at IS NULL AND i.status NOT IN ('received', 'running')
                  AND i.received_at < CAST(? AS timestamptz) - make_interval(days => coalesce(
                      (SELECT a.keep_days FROM drop_arrival a WHERE a.district_id = i.district_id), ?))
                  AND i.id IS DISTINCT FROM (SELECT max(l.id) FROM intake l WHERE l.district_id = i.district_id
                                             AND l.status IN ('previewed', 'synced'))
                ORDER BY i.received_at LIMIT ?""", java.sql.Timestamp.from(now), Arrival.DEFAULT.keepDays(), limit);
        Path intakeRoot = dataDir.resolve("intake").toAbsolutePath().normalize();
        int purged = 0;
        for (Intake drop : expired) {
            // the drop's own folder (its kept copy is a folder inside it), and nothing outside the intake root
            Path folder = drop.path().toAbsolutePath().normalize();
            if (folder.getFileName() != null && folder.getFileName().toString().equals("kept")) {
                folder = folder.getParent();
            }
            if (folder.startsWith(intakeRoot) && !folder.equals(intakeRoot) && Files.exists(folder)) {
                try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "UPDATE intake SET purged_at = now() WHERE district_id = ? AND id = ?")) {
                s.setLong(1, drop.districtId());
                s.setLong(2, drop.id());
                purged += s.executeUpdate();
            }
        }
        return purged;
    }

    /** Puts back to wait the drops claimed longer ago than this: the node that took them died. */
    public int requeueAbandoned(java.time.Duration after) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE intake SET status = 'received', detail = 'taken again: the node that took it stopped'"
                        + " WHERE status = 'running' AND claimed_at < now() - ? * interval '1 second'")) {
            s.setLong(1, after.toSeconds());
            return s.executeUpdate();
        }
    }

    /** A district's drops, the newest first. */
    public List<Intake> list(long districtId, int limit) throws SQLException {
        return query("WHERE district_id = ? ORDER BY id DESC LIMIT ?", districtId, limit);
    }

    /** A district's drops as a pull of changes sees them: the latest one's id (0: none yet), and whether one waits or is being synced. */
    public record Queue(long lastDropId, boolean busy) {
    }

    public Queue queue(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(max(id), 0), coalesce(bool_or(status IN ('received', 'running')), false)"
                        + " FROM intake WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Queue(rs.getLong(1), rs.getBoolean(2));
            }
        }
    }

    /** Whether a pull of the district's roster API was recorded after drop {@code afterId}. */
    public boolean pulledSince(long districtId, long afterId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM intake WHERE district_id = ? AND id > ? AND channel = 'api')")) {
            s.setLong(1, districtId);
            s.setLong(2, afterId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The drops that wait: of one district, or (null) of every district; oldest first. */
    public List<Intake> waiting(Long districtId) throws SQLException {
        return query("WHERE status = 'received' AND (?::bigint IS NULL OR district_id = ?) ORDER BY id", districtId,
                districtId);
    }

    /** Sets when a waiting drop may be synced. */
    public void release(Intake drop, Instant notBefore) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE intake SET not_before = ? WHERE district_id = ? AND id = ? AND status = 'received'")) {
            s.setTimestamp(1, java.sql.Timestamp.from(notBefore));
            s.setLong(2, drop.districtId());
            s.setLong(3, drop.id());
            s.executeUpdate();
        }
    }

    /**
     * Records a copy of a kept drop's files (in a drop folder of its own under {@code dataDir}) as a new
     * drop to sync again: an admin's "run now" with nothing waiting. Not skipped for being the same
     * bytes: it was asked for.
     */
    public Intake rerun(Intake kept, Path dataDir, Instant notBefore, String detail) throws SQLException, IOException {
        Path copy = DropFolder.create(dataDir, kept.districtId());
        for (String name : kept.files()) {
            Files.copy(kept.path().resolve(name), copy.resolve(name));
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO intake"
                + " (district_id, channel, files, bytes, sha256, path, status, detail, not_before, origin)"
                + " VALUES (?, 'rerun', ?, ?, ?, ?, 'received', ?, ?, ?) RETURNING " + COLUMNS)) {
            s.setLong(1, kept.districtId());
            s.setArray(2, c.createArrayOf("text", kept.files().toArray()));
            s.setLong(3, kept.bytes());
            s.setString(4, kept.sha256());
            s.setString(5, copy.toString());
            s.setString(6, detail);
            s.setTimestamp(7, java.sql.Timestamp.from(notBefore));
            s.setString(8, kept.from()); // where the files first came from
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return intake(rs);
            }
        }
    }

    /** The district's latest drop that was read (previewed or synced): what "run now" syncs again. */
    public Optional<Intake> latestRead(long districtId) throws SQLException {
        return query("WHERE district_id = ? AND status IN ('previewed', 'synced') ORDER BY id DESC LIMIT 1", districtId)
                .stream().findFirst();
    }

    /** The districts that have sent at least one drop. */
    public List<Long> districtsWithDrops() throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM district d WHERE EXISTS (SELECT 1 FROM intake i WHERE i.district_id = d.id) ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** How many drops, of every district, wait to be synced. */
    public long waitingCount() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM intake WHERE status = 'received'"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The district's drop of this id (another district's is none). */
    public Optional<Intake> find(long districtId, long id) throws SQLException {
        return query("WHERE district_id = ? AND id = ?", districtId, id).stream().findFirst();
    }

    private List<Intake> query(String where, Object... params) throws SQLException {
        List<Intake> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM intake " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(intake(rs));
                }
            }
        }
        return out;
    }

    private static Intake intake(ResultSet rs) throws SQLException {
        Array files = rs.getArray(4);
        Long run = rs.getObject(9) == null ? null : rs.getLong(9);
        return new Intake(rs.getLong(1), rs.getLong(2), rs.getString(3),
                Arrays.stream((Object[]) files.getArray()).map(String::valueOf).toList(), rs.getLong(5),
                rs.getString(6), Path.of(rs.getString(7)), rs.getString(8), run, rs.getString(10),
                rs.getTimestamp(11).toInstant(), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                rs.getString(14));
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The drop each of these runs synced (a run from the command line has none). */
    public java.util.Map<Long, Intake> dropsOfRuns(long districtId, java.util.Collection<Long> runs)
            throws SQLException {
        java.util.Map<Long, Intake> drops = new java.util.HashMap<>();
        if (runs.isEmpty()) {
            return drops;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM intake WHERE district_id = ? AND run_id = ANY (?)")) {
            s.setLong(1, districtId);
            s.setArray(2, c.createArrayOf("bigint", runs.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Intake drop = intake(rs);
                    drops.put(drop.runId(), drop);
                }
            }
        }
        return drops;
    }
}
