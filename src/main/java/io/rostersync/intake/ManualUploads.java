package io.rostersync.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Files an admin uploads by hand (loose CSVs, or one ZIP), streamed to disk into a drop folder of
 * their own and recorded as one drop, which then waits to be synced like any other. An upload is
 * all or nothing: one that fails, is too large or is abandoned leaves nothing behind.
 */
public final class ManualUploads {

    /** A file name as a district's export names it: no folders, no hidden files. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,127}");

    private final Path dataDir;
    private final Intakes intakes;
    private final long maxBytes;

    /** @param maxBytes the most one upload may hold, all its files together */
    public ManualUploads(Path dataDir, Intakes intakes, long maxBytes) {
        this.dataDir = dataDir;
        this.intakes = intakes;
        this.maxBytes = maxBytes;
    }

    /** Why an upload is refused, in words for the admin who sent it. */
    public static final class RefusedUploadException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;
        private final boolean tooLarge;

        RefusedUploadException(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Upload begin(long districtId) throws IOException {
        return new Upload(districtId, DropFolder.create(dataDir, districtId));
    }

    /** One upload under way: add its files, then finish it; closing an unfinished one removes it. */
    public final class Upload implements AutoCloseable {

        private final long districtId;
        private final Path folder;
        private final List<String> names = new ArrayList<>();
        private long bytes;
        private boolean finished;

        private Upload(long districtId, Path folder) {
            this.districtId = districtId;
            this.folder = folder;
        }

        /** Streams one file in; refuses a name that is no plain file name, a second file of one name, and too many bytes. */
        public void add(String fileName, InputStream in) throws IOException {
            String name = fileName == null ? "" : fileName.strip();
            if (!NAME.matcher(name).matches() || name.contains("..")) {
                throw new RefusedUploadException("'" + fileName + "' is not a file name we take: letters, digits,"
                        + " dots, dashes and underscores, no folders.", false);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.endsWith(".csv") && !lower.endsWith(".zip")) {
                throw new RefusedUploadException("'" + name + "' is neither a CSV file nor a ZIP.", false);
            }
            if (names.stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
                throw new RefusedUploadException("'" + name + "' came twice in one upload.", false);
            }
            names.add(name);
            try (OutputStream out = Files.newOutputStream(folder.resolve(name))) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    bytes += n;
                    if (bytes > maxBytes) {
                        throw new RefusedUploadException("The upload is larger than the " + (maxBytes >> 20)
                                + " MB one upload may hold.", true);
                    }
                    out.write(buffer, 0, n);
                }
            }
        }

        /** Records the upload as a drop (skipped when it is the same bytes as the district's last). */
        public Intakes.Intake finish() throws IOException, SQLException {
            if (names.isEmpty()) {
                throw new RefusedUploadException("The upload holds no file.", false);
            }
            if (names.size() > 1 && names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith(".zip"))) {
                throw new RefusedUploadException("Send one ZIP, or loose CSV files, not both.", false);
            }
            Intakes.Intake drop = DropFolder.record(intakes, districtId, "upload", folder, names);
            finished = true;
            return drop;
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
