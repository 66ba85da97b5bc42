package io.rostersync.oneroster;

import io.rostersync.oneroster.internal.PackageReader;
import java.nio.file.Path;

/** Reads and validates a OneRoster CSV package: a folder of CSV files or a ZIP of them. */
public final class OneRosterReader {

    private OneRosterReader() {
    }

    /** Never throws for bad input: every defect, down to an unreadable path, becomes a problem. */
    public static ReadResult read(Path path, ReadOptions options) {
        return PackageReader.read(path, options);
    }

    public static ReadResult read(Path path) {
        return read(path, ReadOptions.defaults());
    }
}
