package io.mezzo.internal.wire;

import java.io.ByteArrayOutputStream;
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
        private final long maxRecordBytes;
        private final ByteArrayOutputStream digits = new ByteArrayOutputStream();
        private byte[] record;
        private int filled;

        /** @param maxRecordBytes records announced longer than this fail the stream */
        public Decoder(long maxRecordBytes) {
            this.maxRecordBytes = maxRecordBytes;
        }

        /** Consumes {@code bytes} and returns the records they complete, in order. */
        public List<byte[]> feed(byte[] bytes) {
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < bytes.length; ) {
                if (record == null) {
                    byte b = bytes[i++];
                    if (b == '\n') {
                        startRecord();
                    } else if (b >= '0' && b <= '9' && digits.size() < 20) {
                        digits.write(b);
                    } else {
                        throw new IllegalStateException("malformed RecordIO header: unexpected byte " + (b & 0xff));
                    }
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

        private void startRecord() {
            if (digits.size() == 0) {
                throw new IllegalStateException("malformed RecordIO header: no length before line feed");
            }
            long length = Long.parseLong(digits.toString(StandardCharsets.US_ASCII));
            digits.reset();
            if (length == 0 || length > maxRecordBytes) {
                throw new IllegalStateException("RecordIO record of " + length
                        + " bytes is outside 1.." + maxRecordBytes);
            }
            record = new byte[(int) length];
            filled = 0;
        }

        /** True when the stream ended cleanly between records. */
        public boolean atBoundary() {
            return record == null && digits.size() == 0;
        }
    }
}
