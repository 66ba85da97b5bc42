package io.rostersync.intake;

/** Paths on a district's SFTP server, which are always '/'-separated whatever its system. */
final class SftpPaths {

    private SftpPaths() {
    }

    static String join(String folder, String name) {
        if (folder == null || folder.isEmpty() || folder.equals(".")) {
            return name;
        }
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }
}
