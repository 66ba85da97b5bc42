package io.rostersync.generator.internal;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.rostersync.generator.ExpectedProblem;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One CSV file being written: FastCSV with CRLF line ends over a UTF-8 encoder, counting records and
 * physical lines (header = line 1) so that injected defects can be reported by line.
 */
public final class CsvSink implements Closeable {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final String file;
    private final Utf8Writer utf8;
    private final CsvWriter csv;
    private long nextLine = 1;
    private long rows;
    private final List<ExpectedProblem> problems = new ArrayList<>();

    public CsvSink(String file, OutputStream out, boolean bom) throws IOException {
        this.file = file;
        this.utf8 = new Utf8Writer(out);
        if (bom) {
            utf8.writeBytes(BOM);
            expect(io.rostersync.oneroster.ProblemCode.ENCODING_BOM.name(), null);
        }
        this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).bufferSize(1 << 15).build(utf8);
    }

    public String file() {
        return file;
    }

    public void header(List<String> names) {
        csv.writeRecord(names);
        nextLine++;
    }

    /** Writes a record that fits on one line; returns its line. */
    public long row(String... fields) {
        long line = nextLine;
        csv.writeRecord(fields);
        nextLine++;
        rows++;
        return line;
    }

    /** Writes a record whose values hold {@code breaks} line breaks; returns its first line. */
    public long rowSpanning(int breaks, String... fields) {
        long line = nextLine;
        csv.writeRecord(fields);
        nextLine += 1 + breaks;
        rows++;
        return line;
    }

    public long rows() {
        return rows;
    }

    public void expect(String code, Long line) {
        problems.add(new ExpectedProblem(file, line == null ? null : Math.toIntExact(line), code));
    }

    public List<ExpectedProblem> problems() {
        return problems;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
