package io.mezzo.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Mesos's RecordIO framing: each record is its length in bytes as decimal digits, a line
 * feed, then exactly that many bytes, with nothing between records
 * ({@code 20\n{"type":"HEARTBEAT"}}). Mezzo writes one record per HTTP chunk, because
 * some clients parse exactly one record per chunk.
 */
public final class RecordIo {
    private RecordIo() {}

    /** Frames one record. */
    public static byte[] encode(byte[] record) {
        if (record.length == 0) {
            throw new IllegalArgumentException("RecordIO records are never empty");
        }
        byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + record.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(record, 0, out, header.length, record.length);
        return out;
    }

    /**
     * Splits a byte stream back into records, however the bytes arrive. Not thread-safe:
     * feed it from one connection's handler.
     */
    public static final class Decoder {
        /** The largest byte array the JVM hands out. */
        private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

        private final long maxRecordBytes;
        private long announced;
        private int digits;
        private byte[] record;
        private int filled;

        /** @param maxRecordBytes records announced longer than this fail the stream */
        public Decoder(long maxRecordBytes) {
            if (maxRecordBytes < 1) {
                throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
            }
            this.maxRecordBytes = Math.min(maxRecordBytes, MAX_ARRAY_BYTES);
        }

        /** Consumes {@code bytes} and returns the records they complete, in order. */
        public List<byte[]> feed(byte[] bytes) {
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < bytes.length; ) {
                if (record == null) {
                    header(bytes[i++]);
                } else {
                    int n = Math.min(record.length - filled, bytes.length - i);
                    System.arraycopy(bytes, i, record, filled, n);
                    filled += n;
                    i += n;
                }
                if (record != null && filled == record.length) {
                    out.add(record);
                    record = null;
                }
            }
            return out;
        }

        /**
         * Accumulates the length as digits arrive, so an oversized announcement fails at once
         * (without waiting for the line feed, and without overflowing a long).
         */
        private void header(byte b) {
            if (b == '\n') {
                startRecord();
            } else if (b >= '0' && b <= '9') {
                announced = announced * 10 + (b - '0');
                digits++;
                if (announced > maxRecordBytes) {
                    throw new IllegalStateException("RecordIO record announced as longer than "
                            + maxRecordBytes + " bytes");
                }
            } else {
                throw new IllegalStateException("malformed RecordIO header: unexpected byte " + (b & 0xff));
            }
        }

        private void startRecord() {
            if (digits == 0) {
                throw new IllegalStateException("malformed RecordIO header: no length before line feed");
            }
            if (announced == 0) {
                throw new IllegalStateException("RecordIO record of 0 bytes (records are never empty)");
            }
            record = new byte[(int) announced];
            filled = 0;
            announced = 0;
            digits = 0;
        }

        /** True when the stream ended cleanly between records. */
        public boolean atBoundary() {
            return record == null && digits == 0;
        }
    }
}
