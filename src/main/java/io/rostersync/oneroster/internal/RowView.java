package io.rostersync.oneroster.internal;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.rostersync.oneroster.RecordOrigin;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.oneroster.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated row read by field name, with the validator's leniencies applied the same way (trimmed
 * values, case-folded terms, Excel's TRUE and 9, lists de-duplicated). Blank reads as null.
 */
final class RowView {

    private final HeaderMatch header;
    private final io.rostersync.oneroster.FileMode mode;
    private final io.rostersync.oneroster.RosterFile file;
    private CsvRecord record;

    RowView(FileRead read) {
        this.header = read.header();
        this.mode = read.mode();
        this.file = read.file();
    }

    void at(CsvRecord r) {
        this.record = r;
    }

    /** A resolver from field names to column indexes, computed once per file. */
    int column(String field) {
        return header.index(field);
    }

    String text(int column) {
        if (column < 0) {
            return null;
        }
        String v = Values.trim(record.getField(column));
        return v.isEmpty() ? null : v;
    }

    String term(int column, io.rostersync.oneroster.internal.spec.Vocabulary vocabulary) {
        String v = text(column);
        if (v == null || vocabulary.contains(v) || v.startsWith("ext:")) {
            return v;
        }
        String folded = vocabulary.caseFolded(v);
        return folded == null ? v : folded;
    }

    List<String> list(int column) {
        String v = text(column);
        return v == null ? List.of() : Values.list(v);
    }

    List<String> grades(int column) {
        List<String> raw = list(column);
        if (raw.isEmpty()) {
            return raw;
        }
        List<String> out = new ArrayList<>(raw.size());
        for (String g : raw) {
            out.add(Values.grade(g));
        }
        return List.copyOf(out);
    }

    List<UserId> userIds(int column) {
        if (header.readsAs10("userIds")) {
            // 1.0's userId is one plain external id, not a list of {type:id}
            String plain = text(column);
            if (plain == null) {
                return List.of();
            }
            UserId typed = Values.userId(plain);
            return List.of(typed != null ? typed : new UserId("userId", plain));
        }
        List<UserId> out = new ArrayList<>(2);
        for (String item : list(column)) {
            UserId id = Values.userId(item);
            if (id != null) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    Boolean bool(int column) {
        String v = text(column);
        return v == null ? null : Values.bool(v);
    }

    LocalDate date(int column) {
        String v = text(column);
        return v == null ? null : Values.date(v);
    }

    Instant dateTime(int column) {
        if (mode != io.rostersync.oneroster.FileMode.DELTA) {
            return null;
        }
        String v = text(column);
        return v == null ? null : Values.parseDateTime(v);
    }

    /** In bulk too: a row that says it leaves is read as leaving, since the data take precedence. */
    RecordStatus status(int column) {
        String v = text(column);
        return v != null && Values.meansLeaving(v) ? RecordStatus.TO_BE_DELETED : RecordStatus.ACTIVE;
    }

    RecordOrigin origin() {
        return new RecordOrigin(file, (int) record.getStartingLineNumber());
    }
}
