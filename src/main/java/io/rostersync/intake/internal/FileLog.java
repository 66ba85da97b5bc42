package io.rostersync.intake.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * Follows each file a district writes: open until the client closes it, then logged with its size.
 * A file still open when its session ends (the connection dropped) is logged as interrupted and
 * stays unfinished ({@link Uploads}) until it is written again or removed.
 */
public final class FileLog implements SftpEventListener {

    /** The session's files open for writing. */
    private static final AttributeKey<Set<String>> WRITING = new AttributeKey<>();

    private final SftpEvents events;
    private final Uploads uploads;

    public FileLog(SftpEvents events, Uploads uploads) {
        this.events = events;
        this.uploads = uploads;
    }

    private static boolean writes(Handle handle) {
        return handle instanceof FileHandle file && file.getOpenOptions().contains(StandardOpenOption.WRITE);
    }

    @Override
    public void open(ServerSession session, String remoteHandle, Handle localHandle) {
        Long district = session.getAttribute(Logins.DISTRICT);
        if (district != null && writes(localHandle)) {
            String path = localHandle.getFile().toString();
            session.computeAttributeIfAbsent(WRITING, k -> ConcurrentHashMap.newKeySet()).add(path);
            uploads.opened(district, path);
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown)
            throws IOException {
        Long district = session.getAttribute(Logins.DISTRICT);
        Set<String> writing = session.getAttribute(WRITING);
        if (district == null || !writes(localHandle) || writing == null) {
            return;
        }
        String path = localHandle.getFile().toString();
        if (!writing.remove(path)) {
            return; // already counted as interrupted: the session ended before the client closed it
        }
        uploads.closed(district, path);
        Path file = localHandle.getFile();
        long size = Files.exists(file) ? Files.size(file) : -1;
        events.record(district, session.getUsername(), Logins.address(session.getClientAddress()), "file_written",
                path + " (" + size + " bytes)" + (thrown == null ? "" : "; " + thrown.getMessage()));
    }

    @Override
    public void destroying(ServerSession session) {
        Long district = session.getAttribute(Logins.DISTRICT);
        Set<String> writing = session.getAttribute(WRITING);
        if (district == null || writing == null) {
            return;
        }
        for (String path : Set.copyOf(writing)) {
            writing.remove(path);
            uploads.interrupted(district, path);
            events.record(district, session.getUsername(), Logins.address(session.getClientAddress()),
                    "file_interrupted", path + ": the connection ended before the file was closed; it is not"
                            + " taken until it is sent again");
        }
    }

    @Override
    public void removed(ServerSession session, Path path, boolean isDirectory, Throwable thrown) {
        Long district = session.getAttribute(Logins.DISTRICT);
        if (district != null && thrown == null) {
            uploads.removed(district, path.toString());
        }
    }
}
