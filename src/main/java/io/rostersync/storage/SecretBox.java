package io.rostersync.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets the service must use again and so cannot hash (a district's SFTP password or
 * private key for its own site, later Clever and ClassLink tokens): AES-256-GCM under one key of the
 * installation, each secret bound to what it belongs to (the {@code context}, e.g. the district and
 * the field), so a sealed value copied into another row or district does not open.
 *
 * <p>The key is {@code ROSTERSYNC_SECRET_KEY} (base64 of 32 bytes) when set, which several nodes on
 * one database must share; otherwise a key made on the first start and kept in the data directory
 * ({@code DATA_DIR/secret.key}, readable by the service's user only). A database dump alone opens nothing.
 */
public final class SecretBox {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final SecretKeySpec hashKey;
    private final ThreadLocal<javax.crypto.Mac> macs = ThreadLocal.withInitial(this::newMac);

    private SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a secret key must be 32 bytes (base64 of 32 random bytes), not "
                    + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        try {
            // its own key for hashing, so that no value is ever both encrypted and hashed under one key
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key, "HmacSHA256"));
            this.hashKey = new SecretKeySpec(derive.doFinal("rostersync keyed hashes v1".getBytes(StandardCharsets.UTF_8)),
                    "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The installation's key: from the environment value when given, else the data directory's key file. */
    public static SecretBox open(Path dataDir, String base64Key) throws IOException {
        if (base64Key != null && !base64Key.isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(base64Key.trim()));
        }
        Path file = dataDir.resolve("secret.key");
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Files.createDirectories(dataDir);
            // written whole beside it, then moved into place: never a half-written key, and the first of
            // two processes starting at once wins (the other's move finds the file there and uses it)
            Path written = Files.createTempFile(dataDir, ".secret", ".key");
            try {
                try {
                    Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: its own permissions apply
                }
                Files.writeString(written, Base64.getEncoder().encodeToString(fresh) + "\n");
                Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another process made it first: use theirs
            } finally {
                Files.deleteIfExists(written);
            }
        }
        return new SecretBox(Base64.getDecoder().decode(Files.readString(file).trim()));
    }

    /** For tests and tools: a box with a key of its own. */
    public static SecretBox withRandomKey() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return new SecretBox(fresh);
    }

    public String seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret, or an exception saying it cannot be opened: sealed under another key (the data
     * directory's key file was lost or ROSTERSYNC_SECRET_KEY differs) or for another context.
     */
    public String open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new SealedSecretException("not a sealed secret");
        }
        byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealedSecretException("the secret was sealed with another key (is ROSTERSYNC_SECRET_KEY or"
                    + " DATA_DIR/secret.key the one it was saved with?) or belongs elsewhere; enter it again");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * A keyed hash of a value the service must compare but never keep (a child's birth date): the
     * first 8 bytes of HMAC-SHA256, in hex, under a key derived from the installation's for this
     * purpose alone, bound to the {@code context} (the district), so the same date in two districts
     * hashes apart. Without the installation's key the few thousand dates a school's children are
     * born on cannot be tried against it; a database dump alone gives nothing away.
     */
    public String keyedHash(String value, String context) {
        byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8); // before the Mac is fed: a failure leaves it clean
        javax.crypto.Mac mac = macs.get(); // a million students' dates a sync: one Mac a thread, not one a date
        try {
            mac.update(contextBytes);
            mac.update((byte) 0);
            return java.util.HexFormat.of().formatHex(mac.doFinal(valueBytes), 0, 8);
        } finally {
            mac.reset();
        }
    }

    /** The keyed hash of a birth date in a district ({@link io.rostersync.oneroster.BirthDates}). */
    public java.util.function.Function<java.time.LocalDate, String> birthDateKey(long districtId) {
        String context = "birth-date/" + districtId;
        return date -> keyedHash(date.toString(), context);
    }

    private javax.crypto.Mac newMac() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** A sealed secret that cannot be opened here. */
    public static final class SealedSecretException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        SealedSecretException(String message) {
            super(message);
        }
    }
}
