package io.mezzo.hdfs;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.mezzo.api.HdfsUri;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsSettings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests against the module's one shared MiniDFSCluster, reached as {@code hdfs://127.0.0.1:port}
 * through a client with that default file system. Each test works below its own directory.
 */
@ExtendWith(SharedHdfs.class)
@Timeout(120)
abstract class HdfsTestBase {
    static MiniHdfs hdfs;
    static HdfsClient client;

    @TempDir
    Path local;
    String dir;

    @BeforeAll
    static void connect(MiniHdfs shared) throws Exception {
        hdfs = shared;
        client = new HadoopHdfs().connect(settings(Duration.ofSeconds(20)));
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void ownDirectory(TestInfo test) {
        dir = "/t/" + getClass().getSimpleName() + "/" + test.getTestMethod().orElseThrow().getName();
    }

    static HdfsSettings settings(Duration timeout) {
        return new HdfsSettings(Optional.empty(), Optional.of(hdfs.uri()), timeout);
    }

    HdfsUri at(String relative) {
        return HdfsUri.parse("hdfs://" + hdfs.authority() + dir + "/" + relative);
    }

    static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(UTF_8));
    }

    static String readAll(HdfsUri uri) throws Exception {
        try (InputStream in = client.read(uri)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    @FunctionalInterface
    interface ThrowingOperation {
        void run() throws Exception;
    }
}
