package io.rostersync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets sealed under the installation's key open only with that key, and only where they belong. */
class SecretBoxTest {

    @TempDir
    Path dataDir;

    @Test
    void aSealedSecretOpensWithTheSameKeyForTheSameContextOnly() throws Exception {
        SecretBox box = SecretBox.open(dataDir, null);
        String sealed = box.seal("the district's password", "sftp_site/7/password");

        assertThat(sealed).startsWith("v1:").doesNotContain("password");
        assertThat(box.seal("the district's password", "sftp_site/7/password")).as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThat(box.open(sealed, "sftp_site/7/password")).isEqualTo("the district's password");
        assertThat(SecretBox.open(dataDir, null).open(sealed, "sftp_site/7/password"))
                .as("the key file is made once and used again").isEqualTo("the district's password");
        assertThatThrownBy(() -> box.open(sealed, "sftp_site/8/password")).as("copied to another district")
                .isInstanceOf(SecretBox.SealedSecretException.class);
        assertThatThrownBy(() -> SecretBox.withRandomKey().open(sealed, "sftp_site/7/password"))
                .isInstanceOf(SecretBox.SealedSecretException.class).hasMessageContaining("another key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secret.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theEnvironmentsKeyIsUsedAndTheDataDirectoryIsLeftAlone() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String sealed = SecretBox.open(dataDir, key).seal("token", "x");
        assertThat(SecretBox.open(dataDir.resolve("elsewhere"), key).open(sealed, "x")).isEqualTo("token");
        assertThat(dataDir.resolve("secret.key")).doesNotExist();
        assertThatThrownBy(() -> SecretBox.open(dataDir, Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    /** A keyed hash is the same for the same value and context, apart otherwise; a failed one leaves the next right. */
    @Test
    void aKeyedHashDependsOnTheValueTheContextAndTheKeyOnly() {
        SecretBox box = SecretBox.withRandomKey();
        String once = box.keyedHash("2016-05-01", "birth-date/7");
        assertThat(once).matches("[0-9a-f]{16}").isEqualTo(box.keyedHash("2016-05-01", "birth-date/7"));
        assertThat(box.keyedHash("2016-05-01", "birth-date/8")).isNotEqualTo(once);
        assertThat(box.keyedHash("2016-05-02", "birth-date/7")).isNotEqualTo(once);
        assertThat(SecretBox.withRandomKey().keyedHash("2016-05-01", "birth-date/7")).isNotEqualTo(once);
        assertThatThrownBy(() -> box.keyedHash(null, "birth-date/7")).isInstanceOf(NullPointerException.class);
        assertThat(box.keyedHash("2016-05-01", "birth-date/7")).as("after a failure").isEqualTo(once);
        assertThat(box.birthDateKey(7).apply(java.time.LocalDate.of(2016, 5, 1))).isEqualTo(once);
    }
}
