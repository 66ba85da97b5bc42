package io.rostersync.storage;

import java.nio.file.Path;

/**
 * Where to find the database: {@code url} (with user and password) names a PostgreSQL server of
 * the operator's; without it, an embedded server keeps its data under {@code dataDirectory}.
 */
public record StorageOptions(Path dataDirectory, String url, String user, String password) {

    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("rostersync-data");

    public static StorageOptions embedded(Path dataDirectory) {
        return new StorageOptions(dataDirectory, null, null, null);
    }
}
