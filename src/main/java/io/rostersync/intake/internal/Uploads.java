package io.rostersync.intake.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files the hosted SFTP server is receiving: open for writing, or left unfinished because the
 * session ended before the client closed them (a dropped connection leaves a file that looks whole
 * and is not). Such a file keeps its drop from being taken until the district writes it again, or
 * removes it.
 */
public final class Uploads {

    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Set<String> interrupted = ConcurrentHashMap.newKeySet();

    private static String key(long district, String path) {
        return district + ":" + (path.startsWith("/") ? path.substring(1) : path);
    }

    void opened(long district, String path) {
        interrupted.remove(key(district, path));
        open.add(key(district, path));
    }

    void closed(long district, String path) {
        open.remove(key(district, path));
    }

    void interrupted(long district, String path) {
        if (open.remove(key(district, path))) {
            interrupted.add(key(district, path));
        }
    }

    void removed(long district, String path) {
        open.remove(key(district, path));
        interrupted.remove(key(district, path));
    }

    /** Whether the file (a path in the district's folder) is being written, or was left unfinished. */
    public boolean unfinished(long district, String path) {
        String key = key(district, path);
        return open.contains(key) || interrupted.contains(key);
    }
}
