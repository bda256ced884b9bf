package io.mezzo.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.internal.testkit.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the PEM files of --ssl-cert, --ssl-key and --ssl-ca, and naming handshake failures. */
class TlsFilesTest {
    @TempDir
    Path dir;

    @Test
    void aCaBundleTrustsEveryCertificateInIt() throws Exception {
        TestCa first = TestCa.create(dir, "first");
        TestCa second = TestCa.create(dir, "second");
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(first.cert()) + Files.readString(second.cert()));

        ClientTls tls = ClientTls.trusting(bundle);

        assertThat(tls.anchors()).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=first test CA", "CN=second test CA");
        assertThat(tls.caFile()).contains(bundle);
    }

    @Test
    void anEncryptedKeyIsRefusedWithHowToDecryptIt() throws Exception {
        TestCa ca = TestCa.create(dir, "ca");
        TestCa.Issued master = ca.issueForLoopback("master");
        Path encrypted = Files.writeString(dir.resolve("encrypted.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ServerTls.load(master.cert(), encrypted, Optional.empty()))
                .hasMessageStartingWith("--ssl-key: '" + encrypted + "' is an encrypted key")
                .hasMessageContaining("openssl pkey");
        assertThat(ServerTls.load(master.cert(), master.key(), Optional.of(ca.cert())).hostedTrust().caFile())
                .contains(ca.cert());
        assertThat(ServerTls.load(master.cert(), master.key(), Optional.empty()).hostedTrust().caFile())
                .as("without --ssl-ca hosted scripts trust the master's own certificate").contains(master.cert());
    }

    @Test
    void handshakeFailuresAreToldApartFromOtherFailures() {
        SSLHandshakeException unknownCa = new SSLHandshakeException("PKIX path building failed");
        unknownCa.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
        SSLHandshakeException wrongName = new SSLHandshakeException("No subject alternative names matching IP"
                + " address 10.0.0.1 found");

        assertThat(ClientTls.handshakeFailure(new java.util.concurrent.CompletionException(unknownCa)))
                .contains("unable to find valid certification path; " + ClientTls.CA_HINT);
        assertThat(ClientTls.handshakeFailure(wrongName)).contains("No subject alternative names matching IP address"
                + " 10.0.0.1 found; " + ClientTls.NAME_HINT);
        assertThat(ClientTls.handshakeFailure(new java.net.ConnectException("Connection refused"))).isEmpty();
    }
}
