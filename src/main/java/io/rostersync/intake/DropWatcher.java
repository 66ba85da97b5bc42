package io.rostersync.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Takes complete drops out of the districts' SFTP folders. A district's files are a complete drop
 * once none of them has changed (size or modification time) for {@code stableFor} and none has a
 * name that says it is still being written ({@code .part}, {@code .filepart}, {@code .tmp}, or a
 * leading dot) or is known to the SFTP server as still open, or left unfinished by a connection
 * that dropped; then they are moved, together, out of the folder into {@code DATA_DIR/intake}, so
 * that what the district sends next is the next drop, and recorded ({@link Intakes}). A drop that is
 * half written is never taken: its files keep changing, or keep their temporary names.
 */
public final class DropWatcher {

    private final Path dataDir;
    private final Path folders;
    private final Intakes intakes;
    private final Duration stableFor;
    private final Clock clock;
    private final Unfinished unfinished;
    /** Per file: its size and modification time when last seen, and since when it has had them. */
    private final Map<Path, Seen> seen = new HashMap<>();

    private record Seen(long size, long modified, Instant since) {
    }

    /** What the SFTP server knows of a file: whether it is being written, or was left unfinished. */
    @FunctionalInterface
    public interface Unfinished {
        boolean file(long districtId, String name);
    }

    public DropWatcher(Path dataDir, Intakes intakes, Duration stableFor, Clock clock, Unfinished unfinished) {
        this.dataDir = dataDir;
        this.folders = dataDir.resolve("sftp");
        this.intakes = intakes;
        this.stableFor = stableFor;
        this.clock = clock;
        this.unfinished = unfinished;
    }

    /** One look at every district's folder; returns the drops it took. */
    public List<Intakes.Intake> scan() throws IOException, SQLException {
        List<Intakes.Intake> taken = new ArrayList<>();
        if (!Files.isDirectory(folders)) {
            return taken;
        }
        try (Stream<Path> districts = Files.list(folders)) {
            for (Path folder : districts.filter(Files::isDirectory).sorted().toList()) {
                long district;
                try {
                    district = Long.parseLong(folder.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue; // not a district's folder
                }
                List<Path> files = files(folder);
                if (complete(district, folder, files)) {
                    taken.add(take(district, files));
                }
            }
        }
        return taken;
    }

    /** Whether the folder's files (as just listed) are one complete drop; notes those it sees for the first time. */
    private boolean complete(long district, Path folder, List<Path> files) throws IOException {
        seen.keySet().removeIf(f -> f.getParent().equals(folder) && !files.contains(f)); // removed by the district
        if (files.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        boolean complete = true;
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".filepart") || name.endsWith(".tmp")
                    || unfinished.file(district, file.getFileName().toString())) {
                complete = false;
            }
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            Seen before = seen.get(file);
            if (before == null || before.size() != size || before.modified() != modified) {
                seen.put(file, new Seen(size, modified, now));
                complete = false;
            } else if (before.since().plus(stableFor).isAfter(now)) {
                complete = false;
            }
        }
        return complete;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * Moves the files found complete into a folder of their own, and records them as one drop; a file
     * that arrived since the folder was listed stays for the next drop.
     */
    private Intakes.Intake take(long district, List<Path> files) throws IOException, SQLException {
        Path into = DropFolder.create(dataDir, district);
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            Path moved = Files.move(file, into.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            seen.remove(file);
            names.add(moved.getFileName().toString());
        }
        return DropFolder.record(intakes, district, "sftp", into, names);
    }
}
