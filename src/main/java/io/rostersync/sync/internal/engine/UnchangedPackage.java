package io.rostersync.sync.internal.engine;

import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.EntityKind;
import io.rostersync.oneroster.FileSummary;
import io.rostersync.oneroster.ReadResult;
import io.rostersync.settings.SyncSettings;
import io.rostersync.sync.RunReport;
import io.rostersync.sync.internal.run.Fingerprints;
import io.rostersync.sync.internal.run.RunStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A drop whose files are, byte for byte and in the same order, those the last fully applied run
 * read, under the same settings, with nothing written to the directory since (its epoch) and no
 * record waiting out a grace period, plans nothing: planning is a function of exactly those inputs.
 * Such a run (most nights of a school year's weekends and holidays) skips planning and reports what
 * that run left unchanged, with its skips, which are the same rows at the same lines.
 */
final class UnchangedPackage {

    static final String KIND = "package";
    /** Part of the key: a release that plans differently must not take an older release's word for a package. */
    private static final String PLANNING_REVISION = "2"; // 2: disputes carry their candidates

    private UnchangedPackage() {
    }

    /** The files' digests, modes and row counts, the reader's version and the settings, as one SHA-256. */
    static byte[] key(ReadResult read, SyncSettings settings) {
        MessageDigest d = sha256();
        StringBuilder b = new StringBuilder(PLANNING_REVISION).append('\n').append(read.report().version())
                .append('\n').append(canonical(settings)).append('\n');
        for (FileSummary f : read.report().files()) {
            b.append(f.file().fileName()).append(' ').append(f.mode()).append(' ').append(f.sha256()).append(' ')
                    .append(f.rows()).append(' ').append(f.rejectedRows()).append(' ').append(f.complete()).append('\n');
        }
        return d.digest(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The settings as text that is the same in every JVM: their sets and maps in sorted order (the
     * iteration order of {@code Set.of} and {@code Map.of} changes from one JVM to the next).
     */
    static String canonical(SyncSettings s) {
        return String.join("|", s.schoolsThatSync().stream().sorted().map(String::valueOf).toList().toString(),
                s.rolesThatSync().stream().map(Enum::name).sorted().toList().toString(),
                s.guardiansWithoutContact().name(), Boolean.toString(s.restoreClassrooms()),
                Boolean.toString(s.updateSignedInContacts()), s.studentNumber().name(),
                s.personMatchRules().toString(), s.leavers().name(), s.gracePeriod().toString(),
                new java.util.TreeMap<>(s.thresholds()).toString(), Boolean.toString(s.applyWhenHeld()),
                Boolean.toString(s.overwriteHandEdits()));
    }

    /** The run that last applied this very package, when its word still holds. */
    static Optional<Long> appliedBefore(DirectoryTransaction tx, byte[] key) throws SQLException {
        Optional<byte[]> stored = Fingerprints.load(tx.connection(), tx.districtId(), RunContext.SOURCE, KIND,
                tx.epoch());
        if (stored.isEmpty() || stored.get().length != key.length + Long.BYTES
                || !Arrays.equals(stored.get(), 0, key.length, key, 0, key.length)
                || pendingRemovals(tx.connection(), tx.districtId())) {
            return Optional.empty();
        }
        return Optional.of(ByteBuffer.wrap(stored.get(), key.length, Long.BYTES).getLong());
    }

    /** Written by a run that applied everything it planned. */
    static void remember(Connection c, long district, long epoch, byte[] key, long runId) throws SQLException {
        byte[] data = ByteBuffer.allocate(key.length + Long.BYTES).put(key).putLong(runId).array();
        Fingerprints.save(c, district, RunContext.SOURCE, KIND, epoch, data);
    }

    /** By a run that applied part of what it planned (a held run's creates and updates). */
    static void forget(Connection c, long district) throws SQLException {
        Fingerprints.forget(c, district, RunContext.SOURCE, KIND);
    }

    /**
     * The counts of a run that found everything as {@code before} left it: each record that run
     * synced (created, updated, restored or unchanged) is unchanged now.
     */
    static Map<EntityKind, RunReport.Counts> unchangedSince(RunReport before) {
        Map<EntityKind, RunReport.Counts> counts = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            RunReport.Counts c = before.counts(kind);
            counts.put(kind, new RunReport.Counts(0, 0, 0, 0, c.created() + c.updated() + c.restored() + c.unchanged()));
        }
        return counts;
    }

    /** The skips of {@code from}, as this run's: the same rows at the same lines, left out for the same reasons. */
    static long copySkips(Connection c, long district, long from, long to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO run_skip (district_id, run_id, seq, kind,"
                + " sourced_id, why, setting, file, line, candidates) SELECT district_id, ?, seq, kind, sourced_id, why,"
                + " setting, file, line, candidates FROM run_skip WHERE district_id = ? AND run_id = ?")) {
            s.setLong(1, to);
            s.setLong(2, district);
            s.setLong(3, from);
            return s.executeUpdate();
        }
    }

    private static boolean pendingRemovals(Connection c, long district) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM person WHERE district_id = ?"
                + " AND state = 'pending_removal') OR EXISTS (SELECT 1 FROM classroom WHERE district_id = ?"
                + " AND state = 'pending_removal')")) {
            s.setLong(1, district);
            s.setLong(2, district);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
