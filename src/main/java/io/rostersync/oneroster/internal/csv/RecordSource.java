package io.rostersync.oneroster.internal.csv;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Closeable;
import java.io.IOException;

/** CSV records of one file, read to the end or to the first failure that stops the file. */
public interface RecordSource extends Closeable {

    /** The next record, or null at the end or after a failure (see {@link #failure()}). */
    CsvRecord next();

    boolean hadBom();

    /** Whether invalid UTF-8 was met in what was read so far; rows are then checked for U+FFFD. */
    boolean sawInvalidUtf8();

    CsvSource.Failure failure();

    IOException failureCause();

    /** The line the failure is at, when the parser said; 0 otherwise. */
    long failureLine();

    /** The starting line of the last record returned. */
    long lastLine();
}
