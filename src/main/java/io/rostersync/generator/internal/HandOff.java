package io.rostersync.generator.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An output stream that hands full buffers to a thread of its own, which writes them to the target
 * (typically a deflater). Generating CSV and compressing it then run on two cores at once. Buffers are
 * recycled, so nothing is allocated per write.
 */
final class HandOff extends OutputStream {

    private static final int BUFFER = 1 << 18;
    private static final int BUFFERS = 4;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread consumer;
    private volatile Throwable failure;
    private byte[] current;
    private int pos;
    private boolean closed;

    HandOff(OutputStream target, String name) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
        consumer = new Thread(() -> drain(target), "rostersync-deflate-" + name);
        consumer.setDaemon(true);
        consumer.start();
        current = take(free);
    }

    private void drain(OutputStream target) {
        try (target) {
            while (true) {
                byte[] b = full.take();
                int len = lengths.take();
                if (b == END) {
                    break;
                }
                if (failure == null) {
                    target.write(b, 0, len);
                }
                free.put(b);
            }
        } catch (Throwable t) {
            failure = t;
            // Keep releasing buffers so that the producer never blocks forever.
            free.offer(new byte[BUFFER]);
        }
    }

    private byte[] take(BlockingQueue<byte[]> q) {
        try {
            while (true) {
                byte[] b = q.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
                if (failure != null || !consumer.isAlive()) {
                    throw new java.io.UncheckedIOException(new IOException("compression failed", failure));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.UncheckedIOException(new InterruptedIOException("interrupted"));
        }
    }

    private void handOff() throws IOException {
        try {
            full.put(current);
            lengths.put(pos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        current = take(free);
        pos = 0;
    }

    @Override
    public void write(int b) throws IOException {
        if (pos == current.length) {
            handOff();
        }
        current[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == current.length) {
                handOff();
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(b, off, current, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (pos > 0) {
                full.put(current);
                lengths.put(pos);
            }
            full.put(END);
            lengths.put(0);
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        if (failure != null) {
            throw failure instanceof IOException io ? io : new IOException(failure);
        }
    }
}
