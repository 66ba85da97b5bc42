package io.rostersync.oneroster.internal.csv;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a file's records on a second thread (inflating, decoding and parsing) while the caller
 * checks them: on two cores this nearly halves the time of a large file. The queue is small, so
 * memory stays bounded whatever the file's size; records arrive in file order.
 */
public final class PipelinedSource implements RecordSource {

    private static final int BATCH = 512;
    private static final CsvRecord[] END = new CsvRecord[0];

    private final CsvSource source;
    private final BlockingQueue<CsvRecord[]> queue = new ArrayBlockingQueue<>(16);
    private final Thread producer;
    private volatile RuntimeException producerError;
    private CsvRecord[] batch;
    private int position;
    private boolean ended;
    private long lastLine;

    private PipelinedSource(CsvSource source) {
        this.source = source;
        this.producer = new Thread(this::produce, "rostersync-csv-reader");
        producer.setDaemon(true);
        producer.start();
    }

    public static RecordSource of(CsvSource source) {
        return new PipelinedSource(source);
    }

    private void produce() {
        try {
            while (true) {
                CsvRecord[] b = new CsvRecord[BATCH];
                int n = 0;
                while (n < BATCH) {
                    CsvRecord r = source.next();
                    if (r == null) {
                        break;
                    }
                    b[n++] = r;
                }
                if (n > 0) {
                    queue.put(n == BATCH ? b : Arrays.copyOf(b, n));
                }
                if (n < BATCH) {
                    queue.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            producerError = e;
            queue.offer(END);
        }
    }

    @Override
    public CsvRecord next() {
        if (ended) {
            return null;
        }
        if (batch == null || position == batch.length) {
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
            position = 0;
            if (batch == END) {
                ended = true;
                if (producerError != null) {
                    throw producerError;
                }
                return null;
            }
        }
        CsvRecord r = batch[position++];
        lastLine = r.getStartingLineNumber();
        return r;
    }

    @Override
    public boolean hadBom() {
        return source.hadBom();
    }

    @Override
    public boolean sawInvalidUtf8() {
        return source.sawInvalidUtf8();
    }

    @Override
    public CsvSource.Failure failure() {
        return ended ? source.failure() : CsvSource.Failure.NONE;
    }

    @Override
    public IOException failureCause() {
        return source.failureCause();
    }

    @Override
    public long failureLine() {
        return source.failureLine();
    }

    @Override
    public long lastLine() {
        return lastLine;
    }

    @Override
    public void close() throws IOException {
        producer.interrupt();
        try {
            producer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
