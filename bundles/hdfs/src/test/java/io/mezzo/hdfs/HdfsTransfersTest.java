package io.mezzo.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.HdfsUri;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsEntry;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsException.Kind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Copies both ways and writes: trees, refusals, progress against the deadline, no partial output. */
class HdfsTransfersTest extends HdfsTestBase {

    @Test
    void copyToLocalCopiesADirectoryTreeAndLeavesNothingElse() throws Exception {
        client.write(at("src/top.txt"), text("top"), false);
        client.write(at("src/inner/deep.txt"), text("deep"), false);
        client.mkdirs(at("src/empty"));
        Path target = local.resolve("copy");

        client.copyToLocal(at("src"), target);

        assertThat(target.resolve("top.txt")).hasContent("top");
        assertThat(target.resolve("inner/deep.txt")).hasContent("deep");
        assertThat(target.resolve("empty")).isEmptyDirectory();
        try (Stream<Path> siblings = Files.list(local)) {
            assertThat(siblings).as("no partial copy left next to the target").containsExactly(target);
        }
    }

    @Test
    void copyToLocalOfAFileAndRefusalOfAnExistingTarget() throws Exception {
        client.write(at("f.txt"), text("content"), false);
        Path target = local.resolve("new/parent/f.txt");

        client.copyToLocal(at("f.txt"), target);
        assertThat(target).hasContent("content");

        assertThatThrownBy(() -> client.copyToLocal(at("f.txt"), target))
                .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ALREADY_EXISTS))
                .hasMessageContaining(target.toString());
    }

    @Test
    void copyFromLocalCopiesADirectoryTreeAndReplacesOnlyWhenOverwriting() throws Exception {
        Path src = Files.createDirectories(local.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "A");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("sub/b.txt"), "BB");
        HdfsUri target = at("uploaded");

        client.copyFromLocal(src, target, false);
        assertThat(readAll(target.resolve("a.txt"))).isEqualTo("A");
        assertThat(readAll(target.resolve("sub/b.txt"))).isEqualTo("BB");

        assertThatThrownBy(() -> client.copyFromLocal(src, target, false))
                .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ALREADY_EXISTS));

        Files.delete(src.resolve("sub/b.txt"));
        Files.delete(src.resolve("sub"));
        Files.writeString(src.resolve("a.txt"), "A2");
        client.copyFromLocal(src, target, true);
        assertThat(client.list(target)).extracting(HdfsEntry::path).containsExactly(target.resolve("a.txt"));
        assertThat(readAll(target.resolve("a.txt"))).isEqualTo("A2");
    }

    @Test
    void copyFromLocalOfAFileAndOfAMissingSource() throws Exception {
        Path file = Files.writeString(local.resolve("one.txt"), "one");

        client.copyFromLocal(file, at("one.txt"), false);
        assertThat(readAll(at("one.txt"))).isEqualTo("one");
        client.copyFromLocal(Files.writeString(file, "uno"), at("one.txt"), true);
        assertThat(readAll(at("one.txt"))).isEqualTo("uno");

        assertThatThrownBy(() -> client.copyFromLocal(local.resolve("missing"), at("x"), false))
                .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining(local.resolve("missing").toString());
    }


    @Test
    void writeThatKeepsMovingOutlastsTheTimeout() throws Exception {
        // 20 chunks 200 ms apart: 4 s in all, twice the timeout, but never 2 s without progress.
        try (HdfsClient shortTimeout = new HadoopHdfs().connect(settings(Duration.ofSeconds(2)))) {
            shortTimeout.write(at("slow.bin"), new SlowSource(20, Duration.ofMillis(200), Optional.empty()), false);
        }

        assertThat(client.du(at("slow.bin"))).isEqualTo(20 * SlowSource.CHUNK);
    }

    @Test
    void stalledWriteTimesOutAndLeavesNoPartialFile() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        HdfsUri file = at("stalled.bin");
        try (HdfsClient shortTimeout = new HadoopHdfs().connect(settings(Duration.ofSeconds(2)))) {
            assertThatThrownBy(() -> shortTimeout.write(file, new SlowSource(1, Duration.ZERO, Optional.of(never)),
                    false))
                    .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
                    .hasMessageStartingWith("cannot write " + file + ": ");

            // The interrupted worker removes the partial file; wait for it, boundedly.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (client.exists(file) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(client.exists(file)).isFalse();
        } finally {
            never.countDown();
        }
    }

    @Test
    void failingSourceStreamIsAnIoErrorNotAnHdfsOne() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.EOFException("caller's stream ended early");
            }
        };

        assertThatThrownBy(() -> client.write(at("broken"), broken, false))
                .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.IO))
                .hasMessageContaining("caller's stream ended early");
    }

    /** Yields {@code chunks} chunks of data, {@code pause} apart, then blocks on {@code stall} if given. */
    private static final class SlowSource extends InputStream {
        static final int CHUNK = 1024;
        private final Duration pause;
        private final Optional<CountDownLatch> stall;
        private int left;

        SlowSource(int chunks, Duration pause, Optional<CountDownLatch> stall) {
            this.left = chunks;
            this.pause = pause;
            this.stall = stall;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("reads whole chunks only");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            try {
                if (left == 0) {
                    if (stall.isPresent()) {
                        stall.get().await();
                    }
                    return -1;
                }
                // Simulates a slow producer; nothing waits on this sleep.
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            left--;
            int n = Math.min(length, CHUNK);
            Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            return n;
        }
    }
}
