package io.rostersync.intake.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;

/**
 * Each session sees only its district's folder, as its root: {@code ..} ends there, and a path is
 * resolved inside it.
 */
public final class DistrictFolders extends VirtualFileSystemFactory {

    private final Path root;

    public DistrictFolders(Path root) {
        this.root = root;
    }

    public Path folderOf(long districtId) {
        return root.resolve(Long.toString(districtId));
    }

    @Override
    public Path getUserHomeDir(SessionContext session) throws IOException {
        Long district = session.getAttribute(Logins.DISTRICT);
        if (district == null) {
            throw new IOException("a session without a district has no folder");
        }
        return Files.createDirectories(folderOf(district));
    }
}
