package io.rostersync.intake;

/**
 * What an admin enters for the district's own SFTP site. A null password, private key or passphrase
 * keeps the one saved before (they are never shown again); an empty one removes it.
 */
public record SftpSiteSettings(String host, int port, String username, String folder, String password,
        String privateKey, String passphrase, boolean writeResults, boolean enabled) {

    /** Never the secrets, whoever logs this. */
    @Override
    public String toString() {
        return "SftpSiteSettings[" + username + "@" + host + ":" + port + " " + folder + ", password "
                + (password == null ? "kept" : "(given)") + ", private key " + (privateKey == null ? "kept" : "(given)")
                + ", writeResults=" + writeResults + ", enabled=" + enabled + "]";
    }
}
