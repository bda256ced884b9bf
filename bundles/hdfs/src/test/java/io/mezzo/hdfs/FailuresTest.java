package io.mezzo.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsException.Kind;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.net.ConnectTimeoutException;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    private static final String ACTION = "read hdfs://nn:9000/x";

    @Test
    void remoteAccessControlExceptionIsPermissionDeniedWithItsFirstLineOnly() {
        RemoteException remote = new RemoteException(AccessControlException.class.getName(),
                "Permission denied: user=bob, access=READ, inode=\"/x\"\n\tat org.apache.hadoop...");

        HdfsException e = Failures.of(ACTION, remote);

        // cannot read hdfs://nn:9000/x: permission denied: Permission denied: user=bob, access=READ, inode="/x"
        assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
        assertThat(e.getMessage()).startsWith("cannot " + ACTION + ": permission denied: ")
                .contains("user=bob").doesNotContain("\n");
    }

    @Test
    void remoteNotEmptyDirectoryIsAlreadyExists() {
        RemoteException remote = new RemoteException(PathIsNotEmptyDirectoryException.class.getName(), "/d is non empty");

        assertThat(Failures.of("delete hdfs://nn:9000/d", remote).kind()).isEqualTo(Kind.ALREADY_EXISTS);
    }

    @Test
    void unknownRemoteExceptionIsIo() {
        RemoteException remote = new RemoteException("org.example.Strange", "strange things");

        HdfsException e = Failures.of(ACTION, remote);

        assertThat(e.kind()).isEqualTo(Kind.IO);
        assertThat(e.getMessage()).isEqualTo("cannot " + ACTION + ": strange things");
    }

    @Test
    void causeChainDecidesTheKind() {
        IOException wrapped = new IOException("outer", new IOException("middle", new FileNotFoundException("/x")));

        assertThat(Failures.of(ACTION, wrapped).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(Failures.of(ACTION, wrapped).getMessage()).isEqualTo("cannot " + ACTION + ": no such file or directory");
    }

    @Test
    void networkFailuresAreUnreachableAndReadTimeoutsAreTimeouts() {
        assertThat(Failures.of(ACTION, new ConnectException("Connection refused; For more details see: http://wiki"))
                .getMessage()).endsWith("Connection refused");
        assertThat(Failures.of(ACTION, new ConnectException("refused")).kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(Failures.of(ACTION, new ConnectTimeoutException("connect")).kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(Failures.of(ACTION, new EOFException("closed by peer")).kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(Failures.of(ACTION, new SocketTimeoutException("60000 millis")).kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void callerStreamFailureIsIoEvenWhenItLooksLikeANetworkError() {
        HdfsException e = Failures.of("write hdfs://nn:9000/x", new Transfers.SourceFailure(new EOFException("short")));

        assertThat(e.kind()).isEqualTo(Kind.IO);
        assertThat(e.getMessage()).isEqualTo("cannot write hdfs://nn:9000/x: reading the data to write failed: short");
    }

    @Test
    void anHdfsExceptionPassesThroughUnchanged() {
        HdfsException original = new HdfsException(Kind.INVALID, "bad");

        assertThat(Failures.of(ACTION, original)).isSameAs(original);
    }
}
