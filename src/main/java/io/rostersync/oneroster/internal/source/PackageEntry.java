package io.rostersync.oneroster.internal.source;

/**
 * One file of a package: its path inside the package ({@code /}-separated) and its declared
 * uncompressed size (-1 when unknown; a ZIP may lie about it, so it is only a hint).
 */
public record PackageEntry(String path, long declaredSize, long compressedSize) {

    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
