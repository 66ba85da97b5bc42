package io.rostersync.oneroster.internal.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A folder or ZIP of CSV files that can be listed and read, and read again. */
public interface PackageSource extends Closeable {

    /** The entries that may be read; refused entries were already reported while opening. */
    List<PackageEntry> entries();

    /** Opens an entry; the stream enforces the package's size and ratio limits. */
    InputStream open(PackageEntry entry) throws IOException;

    /** A description for messages, e.g. the file name of the ZIP. */
    String describe();

    @Override
    default void close() throws IOException {
    }
}
