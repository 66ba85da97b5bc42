package io.rostersync;

import io.rostersync.storage.SecretBox;

/**
 * The installation's keys for tests without the service (whose own {@code SecretBox} bean the tests
 * with it use): one for the whole test JVM, so that every sync of a test district keys its birth
 * dates alike.
 */
public final class TestSecrets {

    public static final SecretBox BOX = SecretBox.withRandomKey();

    private TestSecrets() {
    }
}
