package io.rostersync.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A drop's own folder under {@code DATA_DIR/intake/DISTRICT/UUID}, however its files came (SFTP or
 * upload), and how it is recorded: one SHA-256 over its files' names and bytes in name order, so
 * that the same files are the same drop whichever way they came.
 */
final class DropFolder {

    private DropFolder() {
    }

    static Path create(Path dataDir, long district) throws IOException {
        return Files.createDirectories(dataDir.resolve("intake").resolve(Long.toString(district))
                .resolve(UUID.randomUUID().toString()));
    }

    /** Records the folder's files as a drop; a skipped one (the same bytes again) is not kept. */
    static Intakes.Intake record(Intakes intakes, long district, String channel, Path folder, List<String> names)
            throws IOException, SQLException {
        return record(intakes, district, channel, null, folder, names);
    }

    /** @param origin what sent it beyond the channel (an API's provider and host, an SFTP site's host) */
    static Intakes.Intake record(Intakes intakes, long district, String channel, String origin, Path folder,
            List<String> names) throws IOException, SQLException {
        List<String> sorted = names.stream().sorted().toList();
        MessageDigest digest = sha256();
        long bytes = 0;
        for (String name : sorted) {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try (InputStream in = new DigestInputStream(Files.newInputStream(folder.resolve(name)), digest)) {
                bytes += in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        Intakes.Intake drop = intakes.record(district, channel, origin, sorted, bytes,
                HexFormat.of().formatHex(digest.digest()), folder);
        if (drop.status().equals("skipped")) {
            for (String name : sorted) {
                Files.delete(folder.resolve(name)); // the same bytes as a drop kept already
            }
        }
        return drop;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
