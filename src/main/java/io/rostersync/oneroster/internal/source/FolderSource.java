package io.rostersync.oneroster.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The files directly in a folder, and those one folder down (a folder inside the drop folder). */
public final class FolderSource implements PackageSource {

    private final Path root;
    private final List<PackageEntry> entries;
    private final ByteBudget budget;

    public FolderSource(Path root, long maxTotalBytes) throws IOException {
        this.root = root;
        this.budget = new ByteBudget(maxTotalBytes);
        List<PackageEntry> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.naturalOrder())::iterator) {
                if (Files.isRegularFile(p)) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    long size = Files.size(p);
                    found.add(new PackageEntry(rel, size, size));
                }
            }
        }
        this.entries = List.copyOf(found);
    }

    @Override
    public List<PackageEntry> entries() {
        return entries;
    }

    @Override
    public InputStream open(PackageEntry entry) throws IOException {
        return new LimitedInputStream(Files.newInputStream(root.resolve(entry.path())), budget, null, 0, entry.path());
    }

    @Override
    public String describe() {
        return root.getFileName() == null ? root.toString() : root.getFileName().toString();
    }
}
