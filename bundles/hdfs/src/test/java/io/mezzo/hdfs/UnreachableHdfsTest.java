package io.mezzo.hdfs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.HdfsUri;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsException.Kind;
import io.mezzo.spi.HdfsSettings;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A NameNode that is not there, does not answer, or goes away: a typed failure, never a hang. */
@Timeout(120)
class UnreachableHdfsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static HdfsClient connect(URI namenode) throws HdfsException {
        return new HadoopHdfs().connect(new HdfsSettings(Optional.empty(), Optional.of(namenode), TIMEOUT));
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        HdfsUri file = HdfsUri.parse("hdfs://127.0.0.1:" + port + "/x");

        try (HdfsClient client = connect(URI.create("hdfs://127.0.0.1:" + port))) {
            assertThatThrownBy(() -> client.exists(file))
                    .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                    .hasMessageStartingWith("cannot check " + file + ": ")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> client.read(file))
                    .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
        }
    }

    @Test
    void nameNodeThatNeverAnswersTimesOut() throws Exception {
        // The kernel completes the handshake from the backlog; nothing ever reads or answers.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            HdfsUri file = HdfsUri.parse("hdfs://127.0.0.1:" + silent.getLocalPort() + "/x");

            try (HdfsClient client = connect(URI.create("hdfs://127.0.0.1:" + silent.getLocalPort()))) {
                assertThatThrownBy(() -> client.list(file))
                        .isInstanceOfSatisfying(HdfsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
                        .hasMessageStartingWith("cannot list " + file + ": ");
            }
        }
    }

    @Test
    void nameNodeShutDownAfterConnectIsUnreachableOrTimesOut() throws Exception {
        try (MiniHdfs hdfs = MiniHdfs.start()) {
            HdfsUri file = HdfsUri.parse("hdfs://" + hdfs.authority() + "/before.txt");
            try (HdfsClient client = connect(hdfs.uri())) {
                client.write(file, new ByteArrayInputStream("x".getBytes(UTF_8)), false);
                assertThat(client.exists(file)).isTrue();

                hdfs.stopNameNode();

                assertThatThrownBy(() -> client.exists(file))
                        .isInstanceOfSatisfying(HdfsException.class,
                                e -> assertThat(e.kind()).as(e.getMessage()).isIn(Kind.UNREACHABLE, Kind.TIMEOUT))
                        .hasMessageStartingWith("cannot check " + file + ": ");
            }
        }
    }
}
