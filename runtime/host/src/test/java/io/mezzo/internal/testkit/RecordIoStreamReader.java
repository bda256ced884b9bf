package io.mezzo.internal.testkit;

import io.mezzo.internal.wire.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Reads a RecordIO response body on its own daemon thread, handing each record on. */
final class RecordIoStreamReader {
    private RecordIoStreamReader() {}

    static Thread start(String name, InputStream body, Consumer<byte[]> onRecord, Runnable onEnd) {
        Thread t = new Thread(() -> {
            RecordIo.Decoder decoder = new RecordIo.Decoder(64 * 1024 * 1024);
            byte[] buf = new byte[8192];
            try (body) {
                int n;
                while ((n = body.read(buf)) >= 0) {
                    byte[] chunk = java.util.Arrays.copyOf(buf, n);
                    decoder.feed(chunk).forEach(onRecord);
                }
            } catch (IOException e) {
                // The connection closed under us: the stream is over.
            } finally {
                onEnd.run();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
