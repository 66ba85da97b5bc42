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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Takes complete drops out of the districts' SFTP folders. When a district's files are a complete
 * drop is the district's {@link Arrival} setting ({@link CompleteDrop}): by default once none of
 * them has changed (size or modification time) for a while and none has a name that says it is still
 * being written ({@code .part}, {@code .filepart}, {@code .tmp}, or a leading dot) or is known to the
 * SFTP server as still open, or left unfinished by a connection that dropped; or at once for a ZIP
 * renamed from its temporary name; or when a marker file arrives. The drop's files are moved,
 * together, out of the folder into {@code DATA_DIR/intake}, so that what the district sends next is
 * the next drop, and recorded ({@link Intakes}). A drop that is half written is never taken.
 */
public final class DropWatcher {

    private final Path dataDir;
    private final Path folders;
    private final Intakes intakes;
    private final DropArrivals arrivals;
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

    /**
     * @param stableFor how long files must be unchanged for a district that did not set its own time
     */
    public DropWatcher(Path dataDir, DataSource dataSource, Duration stableFor, Clock clock, Unfinished unfinished) {
        this.dataDir = dataDir;
        this.folders = dataDir.resolve("sftp");
        this.intakes = new Intakes(dataSource);
        this.arrivals = new DropArrivals(dataSource);
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
                Optional<CompleteDrop.Decision> complete = complete(district, folder, files(folder));
                if (complete.isPresent()) {
                    if (!complete.get().drop().isEmpty()) {
                        taken.add(take(district, complete.get().drop().stream().map(folder::resolve).toList()));
                    }
                    // the marker goes once its drop is recorded: a take that failed is tried again with it
                    for (String marker : complete.get().consumed()) {
                        Files.deleteIfExists(folder.resolve(marker));
                        seen.remove(folder.resolve(marker));
                    }
                }
            }
        }
        return taken;
    }

    /** The complete drop among the folder's files (as just listed), if there is one; notes the files it sees. */
    private Optional<CompleteDrop.Decision> complete(long district, Path folder, List<Path> files)
            throws IOException, SQLException {
        seen.keySet().removeIf(f -> f.getParent().equals(folder) && !files.contains(f)); // removed by the district
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<CompleteDrop.Candidate> candidates = new ArrayList<>();
        for (Path file : files) {
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            Seen before = seen.get(file);
            if (before == null || before.size() != size || before.modified() != modified) {
                before = new Seen(size, modified, now);
                seen.put(file, before);
            }
            String name = file.getFileName().toString();
            candidates.add(new CompleteDrop.Candidate(name, before.since(), unfinished.file(district, name)));
        }
        return CompleteDrop.decide(candidates, arrivals.get(district), stableFor, now);
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
