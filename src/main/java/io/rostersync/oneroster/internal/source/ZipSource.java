package io.rostersync.oneroster.internal.source;

import io.rostersync.oneroster.ProblemCode;
import io.rostersync.oneroster.ReadOptions;
import io.rostersync.oneroster.internal.ProblemCollector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * A ZIP read in place through its central directory: nothing is extracted, so no entry can be
 * written anywhere, and entries whose path would leave the package are refused all the same.
 */
public final class ZipSource implements PackageSource {

    private final Path path;
    private final ZipFile zip;
    private final List<PackageEntry> entries = new ArrayList<>();
    /**
     * By path, the first entry of each: a path given twice makes its file a refused duplicate, so
     * only unique paths are ever opened, also by the snapshot's later re-reads of the package.
     */
    private final java.util.Map<String, ZipArchiveEntry> zipEntries = new java.util.HashMap<>();
    private final ByteBudget budget;
    private final int maxRatio;

    private ZipSource(Path path, ZipFile zip, ReadOptions options) {
        this.path = path;
        this.zip = zip;
        this.budget = new ByteBudget(options.maxTotalBytes());
        this.maxRatio = options.maxRatio();
    }

    /** Opens the ZIP, or reports why not and returns null. */
    public static ZipSource open(Path path, ReadOptions options, ProblemCollector problems) {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(path).setUseUnicodeExtraFields(true).get();
        } catch (IOException | RuntimeException e) {
            problems.report(ProblemCode.ZIP_UNREADABLE, path.getFileName() + " cannot be opened as a ZIP file"
                    + (e.getMessage() == null ? "." : " (" + e.getMessage() + ")."));
            return null;
        }
        ZipSource source = new ZipSource(path, zip, options);
        List<ZipArchiveEntry> all = Collections.list(zip.getEntriesInPhysicalOrder());
        if (all.size() > options.maxEntries()) {
            problems.report(ProblemCode.ZIP_TOO_MANY_ENTRIES, path.getFileName() + " holds " + all.size()
                    + " entries; at most " + options.maxEntries() + " are read.");
            source.closeQuietly();
            return null;
        }
        for (ZipArchiveEntry e : all) {
            source.admit(e, options, problems);
        }
        return source;
    }

    private void admit(ZipArchiveEntry e, ReadOptions options, ProblemCollector problems) {
        if (e.isDirectory()) {
            return;
        }
        String name = e.getName().replace('\\', '/');
        if (escapesPackage(name)) {
            problems.report(ProblemCode.ZIP_PATH_TRAVERSAL, null, null, null, null,
                    "The entry '" + name + "' points outside the package; it was refused.", null);
            return;
        }
        if (e.getGeneralPurposeBit().usesEncryption()) {
            problems.report(ProblemCode.ZIP_ENCRYPTED, name, null, null, null,
                    "'" + name + "' is encrypted and was not read.", null);
            return;
        }
        if (!zip.canReadEntryData(e)) {
            problems.report(ProblemCode.ZIP_UNREADABLE, name, null, null, null,
                    "'" + name + "' uses a compression method that cannot be read (" + e.getMethod() + ").", null);
            return;
        }
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        if (size > 0 && compressed > 0 && size / compressed > options.maxRatio() && size > 4L * 1024 * 1024) {
            problems.report(ProblemCode.ZIP_COMPRESSION_RATIO, name, null, null, null,
                    "'" + name + "' claims to expand " + (size / compressed) + " times; it was refused.", null);
            return;
        }
        entries.add(new PackageEntry(name, size, compressed));
        zipEntries.putIfAbsent(name, e);
    }

    static boolean escapesPackage(String name) {
        if (name.startsWith("/") || name.isEmpty() || (name.length() > 1 && name.charAt(1) == ':')) {
            return true;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<PackageEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public InputStream open(PackageEntry entry) throws IOException {
        ZipArchiveEntry e = zipEntries.get(entry.path());
        if (e == null) {
            throw new IOException("not an entry of " + describe() + ": " + entry.path());
        }
        InputStream raw = zip.getInputStream(e);
        InputStreamStatistics stats = raw instanceof InputStreamStatistics s ? s : null;
        return new LimitedInputStream(raw, budget, stats, maxRatio, entry.path());
    }

    @Override
    public String describe() {
        return String.valueOf(path.getFileName());
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private void closeQuietly() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }
}
