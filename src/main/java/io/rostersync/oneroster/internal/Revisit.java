package io.rostersync.oneroster.internal;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.function.Consumer;

/** Reads a file's rows once more, for the details of findings the streaming pass can only count. */
interface Revisit {

    void rows(Consumer<CsvRecord> consumer);

    String headerCell(int index);
}
