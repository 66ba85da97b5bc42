package io.rostersync.oneroster;

/** Where a record came from: its file and the 1-based line its row starts on (the header is line 1). */
public record RecordOrigin(RosterFile file, int line) {

    @Override
    public String toString() {
        return file.fileName() + ":" + line;
    }
}
