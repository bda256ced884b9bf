package io.mezzo.dist;

import io.mezzo.internal.wire.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/** Reads a RecordIO response body on its own daemon thread, handing each record on as it completes. */
final class RecordIoReader {
    private RecordIoReader() {
    }

    static Thread start(String name, InputStream body, Consumer<byte[]> onRecord) {
        Thread reader = new Thread(() -> {
            RecordIo.Decoder decoder = new RecordIo.Decoder(16 * 1024 * 1024);
            byte[] buffer = new byte[8192];
            try (body) {
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    decoder.feed(Arrays.copyOf(buffer, n)).forEach(onRecord);
                }
            } catch (IOException e) {
                // The connection closed under us (the test ended it): the stream is over.
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
