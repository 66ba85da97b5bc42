package io.rostersync;

import io.rostersync.storage.SecretBox;

/**
 * The installation's keys for tests without the service (whose own {@code SecretBox} bean the tests
 * with it use): one fixed key, the same in every test JVM (a child JVM a test starts syncs the same
 * database), so that every sync of a test district keys its birth dates alike.
 */
public final class TestSecrets {

    private static final String KEY = "dGVzdC1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=";

    public static final SecretBox BOX = open();

    private static SecretBox open() {
        try {
            return SecretBox.open(java.nio.file.Path.of("target"), KEY);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TestSecrets() {
    }
}
