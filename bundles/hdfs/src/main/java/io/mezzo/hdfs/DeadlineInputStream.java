package io.mezzo.hdfs;

import io.mezzo.spi.HdfsException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An HDFS file's content where every read (and the close) completes within the client's
 * timeout. Each read runs on a worker into a buffer of the stream's own, so a read that timed
 * out can never write into the caller's array later. A failed read throws an
 * {@link IOException} whose cause is the {@link HdfsException} with the kind; after a failure
 * the stream is unusable.
 */
final class DeadlineInputStream extends InputStream {
    private static final int MAX_CHUNK = 256 * 1024;

    private final InputStream in;
    private final Deadlines deadlines;
    private final String location;
    private IOException broken;
    private boolean closed;

    DeadlineInputStream(InputStream in, Deadlines deadlines, String location) {
        this.in = in;
        this.deadlines = deadlines;
        this.location = location;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        ensureUsable();
        if (length == 0) {
            return 0;
        }
        byte[] chunk = new byte[Math.min(length, MAX_CHUNK)];
        int n;
        try {
            n = deadlines.run("read " + location, progress -> in.read(chunk, 0, chunk.length));
        } catch (HdfsException e) {
            broken = new IOException(e.getMessage(), e);
            throw broken;
        }
        if (n > 0) {
            System.arraycopy(chunk, 0, buffer, offset, n);
        }
        return n;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deadlines.run("close " + location, progress -> {
                in.close();
                return null;
            });
        } catch (HdfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IOException("cannot read " + location + ": the stream is closed");
        }
        if (broken != null) {
            throw new IOException(broken.getMessage(), broken.getCause());
        }
    }
}
