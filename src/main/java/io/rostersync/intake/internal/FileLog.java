package io.rostersync.intake.internal;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/** Logs each file a district wrote, with its size, when the client closes it. */
public final class FileLog implements SftpEventListener {

    private final SftpEvents events;

    public FileLog(SftpEvents events) {
        this.events = events;
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown)
            throws IOException {
        if (!(localHandle instanceof FileHandle file) || !file.getOpenOptions().contains(java.nio.file.StandardOpenOption.WRITE)) {
            return;
        }
        long size = Files.exists(file.getFile()) ? Files.size(file.getFile()) : -1;
        events.record(session.getAttribute(Logins.DISTRICT), session.getUsername(),
                Logins.address(session.getClientAddress()), "file_written",
                file.getFile().toString() + " (" + size + " bytes)" + (thrown == null ? "" : "; " + thrown.getMessage()));
    }
}
