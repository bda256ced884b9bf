package io.mezzo.internal.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.HdfsUri;
import io.mezzo.internal.container.Plugin;
import io.mezzo.spi.Hdfs;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsEntry;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsSettings;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HdfsAccessTest {
    private static final HdfsSettings SETTINGS = new HdfsSettings(Optional.empty(), Optional.empty(),
            Duration.ofSeconds(5));
    private static final HdfsUri FILE = HdfsUri.parse("hdfs://nn:8020/a/b.tgz");

    private final AtomicReference<Optional<Plugin<Hdfs>>> current = new AtomicReference<>(Optional.empty());
    private final HdfsAccess access = new HdfsAccess(current::get, SETTINGS);

    private static Plugin<Hdfs> plugin(Hdfs hdfs, long serviceId) {
        return new Plugin<>(hdfs, "hdfs-" + serviceId, 0, "io.mezzo.hdfs", "test", serviceId);
    }

    @Test
    void withoutAnHdfsBundleEveryCallSaysNoServiceIsInstalled() {
        assertThatThrownBy(() -> access.exists(FILE))
                .isInstanceOfSatisfying(HdfsException.class,
                        e -> assertThat(e.kind()).isEqualTo(HdfsException.Kind.UNREACHABLE))
                .hasMessageStartingWith("no HDFS service is installed");
    }

    @Test
    void connectsLazilyOnceAndReconnectsWhenThePluginIsSwapped() throws Exception {
        SizedHdfs first = new SizedHdfs(10);
        SizedHdfs second = new SizedHdfs(20);
        current.set(Optional.of(plugin(first, 1)));
        assertThat(first.connects.get()).isZero();

        assertThat(access.du(FILE)).isEqualTo(10);
        assertThat(access.du(FILE)).isEqualTo(10);
        assertThat(first.connects.get()).isEqualTo(1);

        current.set(Optional.of(plugin(second, 2)));
        assertThat(access.du(FILE)).isEqualTo(20);
        assertThat(first.closed.get()).isEqualTo(1);
        assertThat(second.connects.get()).isEqualTo(1);

        access.close();
        assertThat(second.closed.get()).isEqualTo(1);
        assertThatThrownBy(() -> access.du(FILE)).hasMessageContaining("closed");
    }

    @Test
    void settingsReachThePlugin() throws Exception {
        SizedHdfs hdfs = new SizedHdfs(1);
        current.set(Optional.of(plugin(hdfs, 1)));

        access.exists(FILE);

        assertThat(hdfs.settings.get()).isEqualTo(SETTINGS);
    }

    @Test
    void aPluginThatThrowsFailsTheCallAsAnHdfsErrorNamingThePlugin() {
        current.set(Optional.of(plugin(settings -> {
            throw new IllegalStateException("boom");
        }, 7)));

        assertThatThrownBy(() -> access.exists(FILE))
                .isInstanceOfSatisfying(HdfsException.class,
                        e -> assertThat(e.kind()).isEqualTo(HdfsException.Kind.IO))
                .hasMessageContaining("hdfs-7").hasMessageContaining("boom");
    }

    /** An HDFS whose files all have one size; counts connections and closes. */
    private static final class SizedHdfs implements Hdfs {
        final long size;
        final AtomicInteger connects = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicReference<HdfsSettings> settings = new AtomicReference<>();

        SizedHdfs(long size) {
            this.size = size;
        }

        @Override
        public HdfsClient connect(HdfsSettings given) {
            settings.set(given);
            connects.incrementAndGet();
            return new HdfsClient() {
                @Override
                public boolean exists(HdfsUri path) {
                    return true;
                }

                @Override
                public long du(HdfsUri path) {
                    return size;
                }

                @Override
                public void mkdirs(HdfsUri path) {
                }

                @Override
                public void write(HdfsUri path, InputStream data, boolean overwrite) {
                }

                @Override
                public InputStream read(HdfsUri path) {
                    return InputStream.nullInputStream();
                }

                @Override
                public List<HdfsEntry> list(HdfsUri path) {
                    return List.of();
                }

                @Override
                public boolean delete(HdfsUri path, boolean recursive) {
                    return false;
                }

                @Override
                public void copyToLocal(HdfsUri from, Path to) {
                }

                @Override
                public void copyFromLocal(Path from, HdfsUri to, boolean overwrite) {
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }
}
