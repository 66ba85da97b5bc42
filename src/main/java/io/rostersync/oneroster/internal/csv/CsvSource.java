package io.rostersync.oneroster.internal.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * One CSV file opened for reading: the encoding sniffed, a BOM skipped, records parsed by FastCSV
 * leniently (field counts are checked by the validator, which reports them per row).
 */
public final class CsvSource implements RecordSource {

    /** Why a file could not be read to its end. */
    public enum Failure {
        NONE, EMPTY, UTF16, RECORD_TOO_LONG, UNCLOSED_QUOTE, LIMIT, IO
    }

    private final Utf8Reader reader;
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final Encoding encoding;
    private Failure failure = Failure.NONE;
    private IOException failureCause;
    private long lastLine;
    private long failureLine;

    private CsvSource(InputStream in, int maxRecordChars) throws IOException {
        byte[] head = new byte[64];
        int n;
        IOException headFailure = null;
        try {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            n = 0;
            headFailure = e;
        }
        this.encoding = Encoding.sniff(head, n);
        int skip = encoding == Encoding.UTF8_WITH_BOM ? 3 : 0;
        byte[] prefix = new byte[n - skip];
        System.arraycopy(head, skip, prefix, 0, n - skip);
        this.reader = new Utf8Reader(in, prefix, prefix.length);
        this.csv = CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowExtraCharsAfterClosingQuote(true)
                .allowUnclosedQuote(false)
                .skipEmptyLines(true)
                .maxBufferSize(maxRecordChars)
                .ofCsvRecord(reader);
        this.records = csv.iterator();
        if (headFailure != null) {
            fail(Failure.IO, headFailure);
        } else if (encoding == Encoding.EMPTY) {
            failure = Failure.EMPTY;
        } else if (encoding == Encoding.UTF16) {
            failure = Failure.UTF16;
        }
    }

    public static CsvSource open(InputStream in, int maxRecordChars) throws IOException {
        return new CsvSource(in, maxRecordChars);
    }

    @Override
    public boolean hadBom() {
        return encoding == Encoding.UTF8_WITH_BOM;
    }

    @Override
    public boolean sawInvalidUtf8() {
        return reader.malformed() > 0;
    }

    @Override
    public CsvRecord next() {
        if (failure != Failure.NONE) {
            return null;
        }
        try {
            if (!records.hasNext()) {
                return null;
            }
            CsvRecord r = records.next();
            lastLine = r.getStartingLineNumber();
            return r;
        } catch (CsvParseException e) {
            String msg = String.valueOf(e.getMessage());
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                fail(Failure.IO, io);
            } else if (msg.contains("buffer size")) {
                failure = Failure.RECORD_TOO_LONG;
            } else if (msg.contains("Unclosed quote")) {
                failure = Failure.UNCLOSED_QUOTE;
            } else {
                fail(Failure.IO, new IOException(msg, cause));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(msg);
            if (m.find()) {
                failureLine = Long.parseLong(m.group(1));
            }
            return null;
        } catch (UncheckedIOException e) {
            fail(Failure.IO, e.getCause());
            return null;
        }
    }

    private void fail(Failure kind, IOException cause) {
        failure = cause instanceof io.rostersync.oneroster.internal.source.LimitExceededException ? Failure.LIMIT : kind;
        failureCause = cause;
    }

    @Override
    public Failure failure() {
        return failure;
    }

    @Override
    public IOException failureCause() {
        return failureCause;
    }

    @Override
    public long failureLine() {
        return failureLine;
    }

    @Override
    public long lastLine() {
        return lastLine;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
