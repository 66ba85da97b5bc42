package io.rostersync.intake;

import java.time.Instant;

/**
 * A district's own SFTP site, as an admin may see it: never its password or key, only which it has.
 *
 * @param folder             the folder its files are dropped in (results go to {@code out/} inside it)
 * @param hostKey            the server's public key pinned on the first connection (OpenSSH form), or null
 * @param hostKeyFingerprint its SHA-256 fingerprint, to compare with what the district's IT sees
 * @param writeResults       whether a short result file per drop is written to {@code out/}
 * @param pollError          why the last poll failed, in words; null when it worked
 */
public record SftpSite(long districtId, String host, int port, String username, String folder, boolean hasPassword,
        boolean hasPrivateKey, String hostKey, String hostKeyFingerprint, Instant hostKeyPinnedAt,
        boolean writeResults, boolean enabled, Instant polledAt, String pollError, Instant nextPollAt) {

    /** The folder results are written to. */
    public String resultFolder() {
        return SftpPaths.join(folder, "out");
    }
}
