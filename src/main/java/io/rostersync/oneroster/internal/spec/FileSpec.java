package io.rostersync.oneroster.internal.spec;

import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.oneroster.RosterFile;
import java.util.List;

/** The header of one file in one version: its columns in their required order. */
public record FileSpec(RosterFile file, OneRosterVersion version, List<Column> columns) {

    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    public int indexOfField(String field) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).field().equals(field)) {
                return i;
            }
        }
        return -1;
    }
}
