package io.mezzo.internal.agent.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.internal.hdfs.HdfsAccess;
import io.mezzo.internal.model.UriSpec;
import io.mezzo.spi.HdfsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherCacheTest {
    @TempDir
    Path tmp;
    Path files;
    Path cacheDir;
    FileServer server;

    @BeforeEach
    void setUp() throws IOException {
        files = Files.createDirectories(tmp.resolve("files"));
        cacheDir = tmp.resolve("cache");
        server = new FileServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    /** A cache of {@code capacity} bytes. */
    private Fetcher fetcher(long capacity) throws IOException {
        return Fetcher.start(FetcherConfig.defaults().withCache(Optional.of(cacheDir), capacity), tmp.resolve("work"),
                HdfsAccess.none(new HdfsSettings(Optional.empty(), Optional.empty(), Duration.ofSeconds(5))));
    }

    private String served(String name, int bytes) throws IOException {
        server.serve("/" + name, Files.writeString(files.resolve(name), "x".repeat(bytes)));
        return server.url("/" + name);
    }

    private static UriSpec cached(String value) {
        return new UriSpec(value, false, true, true, Optional.empty());
    }

    private Path sandbox(String name) throws IOException {
        return Files.createDirectories(tmp.resolve("sandboxes").resolve(name));
    }

    private void fetch(Fetcher fetcher, String sandbox, String user, UriSpec uri) throws Exception {
        fetcher.fetch(List.of(uri), sandbox(sandbox), Optional.of(user));
    }

    @Test
    void secondFetchOfACachedUriIsServedFromTheCache() throws Exception {
        String url = served("a.bin", 100);
        Fetcher fetcher = fetcher(1000);

        fetch(fetcher, "t1", "alice", cached(url));
        fetch(fetcher, "t2", "alice", cached(url));

        assertThat(server.gets("/a.bin")).isEqualTo(1);
        assertThat(tmp.resolve("sandboxes/t2/a.bin")).hasSize(100);
    }

    @Test
    void cacheIsPerUserAndUncachedUrisAlwaysDownload() throws Exception {
        String url = served("a.bin", 100);
        Fetcher fetcher = fetcher(1000);

        fetch(fetcher, "t1", "alice", cached(url));
        fetch(fetcher, "t2", "bob", cached(url)); // another user: a miss
        fetch(fetcher, "t3", "alice", new UriSpec(url, false, true, false, Optional.empty()));

        assertThat(server.gets("/a.bin")).isEqualTo(3);
    }

    @Test
    void leastRecentlyUsedEntryIsEvictedToStayWithinTheBound() throws Exception {
        String a = served("a.bin", 400);
        String b = served("b.bin", 400);
        String c = served("c.bin", 400);
        Fetcher fetcher = fetcher(1000);
        FetcherCache cache = fetcher.cache().orElseThrow();

        fetch(fetcher, "t1", "u", cached(a));
        fetch(fetcher, "t2", "u", cached(b));
        fetch(fetcher, "t3", "u", cached(a)); // a is now more recent than b
        fetch(fetcher, "t4", "u", cached(c)); // 1200 > 1000: b goes

        assertThat(cache.contains(new FetcherCache.Key(Optional.of("u"), a))).isTrue();
        assertThat(cache.contains(new FetcherCache.Key(Optional.of("u"), b))).isFalse();
        assertThat(cache.contains(new FetcherCache.Key(Optional.of("u"), c))).isTrue();
        assertThat(cache.used()).isEqualTo(800);
        try (var listing = Files.list(cacheDir)) {
            assertThat(listing.count()).isEqualTo(2);
        }
        fetch(fetcher, "t5", "u", cached(b));
        assertThat(server.gets("/b.bin")).isEqualTo(2);
        assertThat(server.gets("/a.bin")).isEqualTo(1);
    }

    @Test
    void uriLargerThanTheCacheIsFetchedDirectly() throws Exception {
        String big = served("big.bin", 2000);
        Fetcher fetcher = fetcher(1000);

        fetch(fetcher, "t1", "u", cached(big));
        fetch(fetcher, "t2", "u", cached(big));

        assertThat(tmp.resolve("sandboxes/t2/big.bin")).hasSize(2000);
        assertThat(server.gets("/big.bin")).isEqualTo(2);
        assertThat(fetcher.cache().orElseThrow().used()).isZero();
    }

    @Test
    void cacheIsClearedWhenTheAgentStarts() throws Exception {
        String url = served("a.bin", 100);
        fetch(fetcher(1000), "t1", "u", cached(url));
        Files.writeString(Files.createDirectories(cacheDir.resolve("stale")).resolve("old"), "left over");

        Fetcher restarted = fetcher(1000);

        try (var listing = Files.list(cacheDir)) {
            assertThat(listing.toList()).isEmpty();
        }
        fetch(restarted, "t2", "u", cached(url));
        assertThat(server.gets("/a.bin")).isEqualTo(2);
    }

    @Test
    void archiveFromTheCacheIsExtractedIntoTheSandboxOnly() throws Exception {
        Path archive = new Archives().file("run.sh", "#!/bin/sh", 0755).write(files.resolve("app.tar.gz"));
        server.serve("/app.tar.gz", archive);
        Fetcher fetcher = fetcher(1 << 20);

        fetch(fetcher, "t1", "u", cached(server.url("/app.tar.gz")));
        fetch(fetcher, "t2", "u", cached(server.url("/app.tar.gz")));

        assertThat(tmp.resolve("sandboxes/t2/run.sh")).hasContent("#!/bin/sh");
        assertThat(Files.isExecutable(tmp.resolve("sandboxes/t2/run.sh"))).isTrue();
        // As Mesos: from the cache only the extraction result lands in the sandbox.
        assertThat(tmp.resolve("sandboxes/t2/app.tar.gz")).doesNotExist();
        assertThat(server.gets("/app.tar.gz")).isEqualTo(1);
    }

    @Test
    void concurrentFetchesOfOneUriShareOneDownload() throws Exception {
        String url = served("shared.bin", 5000);
        server.hold("/shared.bin");
        Fetcher fetcher = fetcher(1 << 20);
        FetcherCache cache = fetcher.cache().orElseThrow();
        FetcherCache.Key key = new FetcherCache.Key(Optional.of("u"), url);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> quietly(fetcher, "t1", url));
        waitFor("the first download to start", () -> server.gets("/shared.bin") == 1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> quietly(fetcher, "t2", url));
        waitFor("the second fetch to wait on the first", () -> cache.users(key) == 2);
        server.release("/shared.bin");

        first.get(15, TimeUnit.SECONDS);
        second.get(15, TimeUnit.SECONDS);
        assertThat(server.gets("/shared.bin")).isEqualTo(1);
        assertThat(tmp.resolve("sandboxes/t1/shared.bin")).hasSize(5000);
        assertThat(tmp.resolve("sandboxes/t2/shared.bin")).hasSize(5000);
    }

    @Test
    void failedCachedDownloadFailsTheFetchAndLeavesNothingCached() throws Exception {
        Path file = Files.writeString(files.resolve("gone.bin"), "data");
        Fetcher fetcher = fetcher(1000);
        String uri = file.toString();
        Files.delete(file);

        assertThatThrownBy(() -> fetch(fetcher, "t1", "u", cached(uri)))
                .hasMessageStartingWith("Failed to fetch '" + uri + "'");
        assertThat(fetcher.cache().orElseThrow().used()).isZero();
    }

    @Test
    void byteSizesReadMesosUnits() {
        assertThat(ByteSizes.parse("2GB")).isEqualTo(2L << 30);
        assertThat(ByteSizes.parse("512MB")).isEqualTo(512L << 20);
        assertThat(ByteSizes.parse("0B")).isZero();
        assertThat(ByteSizes.parse("1024")).isEqualTo(1024);
        assertThat(ByteSizes.format(2L << 30)).isEqualTo("2GB");
        assertThatThrownBy(() -> ByteSizes.parse("2 parsecs")).hasMessageContaining("'2 parsecs'");
        assertThatThrownBy(() -> ByteSizes.parse("-1MB")).hasMessageContaining("'-1MB'");
    }

    private void quietly(Fetcher fetcher, String sandbox, String url) {
        try {
            fetch(fetcher, sandbox, "u", cached(url));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
