package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.internal.hosting.Hosted;
import io.mezzo.internal.hosting.HostedFrameworks;
import io.mezzo.internal.testkit.TestCa;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.internal.tls.ClientTls;
import io.mezzo.internal.tls.ServerTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The TLS flags of master, agent, run, submit and teardown, and the CLI against a master serving HTTPS. */
class TlsCommandsTest {
    /** Finishes on its first offers with how many it got. */
    static final String PROBE = "module.exports = { name: 'tls-probe',"
            + " offers(offers, ctx) { ctx.finish({offers: offers.length}); } };";

    @TempDir
    static Path certs;
    static TestCa ca;
    static TestCa otherCa;
    static TestCa.Issued master;

    @TempDir
    Path work;

    @BeforeAll
    static void makeCertificates() {
        ca = TestCa.create(certs, "mezzo");
        otherCa = TestCa.create(certs, "other");
        master = ca.issueForLoopback("master");
    }

    @Test
    void runAndSubmitReachAMasterServingTlsWithSslCa() throws Exception {
        ServerTls tls = ServerTls.load(master.cert(), master.key(), Optional.empty());
        Path script = Files.writeString(work.resolve("probe.js"), PROBE);
        try (TestCluster cluster = TestCluster.startTls(work.resolve("cluster"), tls, ClientTls.trusting(ca.cert()),
                Optional.of(JsRuntime.forHosting(Duration.ofSeconds(10), Optional.of(tls.hostedTrust()))))) {
            cluster.addAgent("cpus:1;mem:512");

            Result run = execute("run", script.toString(), "--master", cluster.url(), "--ssl-ca", ca.cert().toString());
            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(run.out().strip().lines().reduce((a, b) -> b).orElse("")).isEqualTo("{\"offers\":1}");

            // A bare host:port with --ssl-ca means https; the hosted script then calls its master back over TLS,
            // trusting the master's own certificate.
            String hostPort = URI.create(cluster.url()).getRawAuthority();
            Result submit = execute("submit", script.toString(), "--master", hostPort, "--ssl-ca", ca.cert().toString());
            assertThat(submit.code()).as(submit.toString()).isZero();
            assertThat(submit.out()).startsWith("hosted-1 probe.js RUNNING");
            HostedFrameworks hosted = cluster.hosted().orElseThrow();
            assertThat(awaitEnd(hosted, "hosted-1")).as("%s", hosted.get("hosted-1")).isEqualTo(Hosted.State.FINISHED);

            Result state = execute("state", "--master", hostPort, "--ssl-ca", ca.cert().toString());
            assertThat(state.code()).as(state.toString()).isZero();
            assertThat(state.out()).contains("agents 1", "leader: " + hostPort);
        }
    }

    @Test
    void clientTrustingAnotherCaIsRefusedWithTheReason() throws Exception {
        ServerTls tls = ServerTls.load(master.cert(), master.key(), Optional.empty());
        try (TestCluster cluster = TestCluster.startTls(work, tls, ClientTls.trusting(ca.cert()), Optional.empty())) {
            Result teardown = execute("teardown", "hosted-1", "--master", cluster.url(),
                    "--ssl-ca", otherCa.cert().toString());
            Result defaultTrust = execute("teardown", "hosted-1", "--master", cluster.url());

            assertThat(teardown.code()).isEqualTo(1);
            assertThat(teardown.err()).contains("no master answered at " + cluster.url(), "TLS handshake failed: ",
                    "is --ssl-ca the CA that signed the master's certificate?");
            // Without --ssl-ca an https master is checked against the JDK's CAs, which do not know the test CA.
            assertThat(defaultTrust.code()).isEqualTo(1);
            assertThat(defaultTrust.err()).contains("TLS handshake failed: ");
        }
    }

    @Test
    void sslCertWithoutSslKeyIsAStartupErrorNamingTheOther() {
        Result cert = execute("master", "--ssl-cert", master.cert().toString());
        Result key = execute("master", "--ssl-key", master.key().toString());

        assertThat(cert.code()).isEqualTo(1);
        assertThat(cert.err()).contains("--ssl-cert needs --ssl-key");
        assertThat(key.code()).isEqualTo(1);
        assertThat(key.err()).contains("--ssl-key needs --ssl-cert");
    }

    @Test
    void unreadableOrInvalidPemIsAStartupErrorNamingTheFile() throws Exception {
        Path garbage = Files.writeString(work.resolve("garbage.pem"), "not a certificate");
        Path missing = work.resolve("missing.pem");
        TestCa.Issued another = ca.issueForLoopback("another");

        assertThatThrownBy(() -> server("--ssl-cert", garbage.toString(), "--ssl-key", master.key().toString()))
                .hasMessageContaining("--ssl-cert: '" + garbage + "' holds no PEM certificate");
        assertThatThrownBy(() -> server("--ssl-cert", missing.toString(), "--ssl-key", master.key().toString()))
                .hasMessageContaining("cannot read '" + missing + "': no such file");
        assertThatThrownBy(() -> server("--ssl-cert", master.cert().toString(), "--ssl-key", master.cert().toString()))
                .hasMessageContaining("--ssl-key: '" + master.cert() + "' holds no PEM private key");
        assertThatThrownBy(() -> server("--ssl-cert", master.cert().toString(), "--ssl-key", another.key().toString()))
                .hasMessageContaining("the key in '" + another.key() + "' does not belong to the certificate in '"
                        + master.cert() + "'");
        assertThatThrownBy(() -> client("--ssl-ca", garbage.toString()).tlsFor(List.of(URI.create("https://m:1"))))
                .hasMessageStartingWith("--ssl-ca: '" + garbage + "' holds no PEM certificate");
    }

    @Test
    void stateFlagsShowThePathsNeverTheContents() throws Exception {
        TlsOptions.Server options = parse(new TlsOptions.Server(), "--ssl-cert", master.cert().toString(),
                "--ssl-key", master.key().toString());

        Map<String, String> flags = options.flags();

        assertThat(flags).containsEntry("ssl_cert", master.cert().toString())
                .containsEntry("ssl_key", master.key().toString()).containsEntry("ssl_ca", "");
        assertThat(String.join("", flags.values())).doesNotContain("BEGIN");
        assertThat(options.serverTls()).isPresent();
        assertThat(parse(new TlsOptions.Server()).serverTls()).isEmpty();
    }

    @Test
    void sslCaMeansHttpsAndAnHttpsUrlMeansTlsWithoutIt() {
        String caFile = ca.cert().toString();
        assertThat(client("--ssl-ca", caFile).masterUrls(List.of("m1:5050", "https://m2:5050")))
                .containsExactly(URI.create("https://m1:5050"), URI.create("https://m2:5050"));
        assertThatThrownBy(() -> client("--ssl-ca", caFile).masterUrls(List.of("http://m1:5050")))
                .hasMessageContaining("'http://m1:5050' is plain HTTP, but --ssl-ca asks for TLS; write https://m1:5050");
        assertThat(client().tlsFor(List.of(URI.create("https://m:1")))).contains(ClientTls.jdkDefaults());
        assertThat(client().tlsFor(List.of(URI.create("http://m:1")))).isEmpty();

        TlsOptions.AgentMasters withCa = client("--ssl-ca", caFile).agentMasters("m1:5050,m2:5050");
        assertThat(withCa.hostPorts()).isEqualTo("m1:5050,m2:5050");
        assertThat(withCa.tls().orElseThrow().caFile()).contains(ca.cert().toAbsolutePath().normalize());
        TlsOptions.AgentMasters https = client().agentMasters("https://m1:5050/,https://m2:5050");
        assertThat(https.hostPorts()).isEqualTo("m1:5050,m2:5050");
        assertThat(https.tls()).contains(ClientTls.jdkDefaults());
        assertThat(client().agentMasters("m1:5050").tls()).isEmpty();
        assertThatThrownBy(() -> client().agentMasters("https://m1:5050,http://m2:5050"))
                .hasMessageContaining("mixes http:// and https://");
    }

    @Test
    void everyCommandThatCallsAMasterTakesSslCa() {
        for (String command : List.of("agent", "run", "submit", "teardown", "master")) {
            StringWriter out = new StringWriter();
            ScriptCommandsTest.cli(out, new StringWriter()).execute(command, "--help");
            assertThat(out.toString()).as(command).contains("--ssl-ca=FILE");
        }
        StringWriter master = new StringWriter();
        ScriptCommandsTest.cli(master, new StringWriter()).execute("master", "--help");
        assertThat(master.toString()).contains("--ssl-cert=FILE", "--ssl-key=FILE");
    }

    private static Optional<ServerTls> server(String... args) {
        return parse(new TlsOptions.Server(), args).serverTls();
    }

    private static TlsOptions.Client client(String... args) {
        return parse(new TlsOptions.Client(), args);
    }

    private static <T> T parse(T options, String... args) {
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private static Hosted.State awaitEnd(HostedFrameworks hosted, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Hosted.State state = hosted.get(id).orElseThrow().state();
            if (state != Hosted.State.RUNNING) {
                return state;
            }
            Thread.sleep(20);
        }
        return hosted.get(id).orElseThrow().state();
    }

    record Result(int code, String out, String err) {
    }

    /**
     * Runs {@code mezzo args...} in this JVM as {@code Main} does (errors as "mezzo: message"),
     * with what the commands print to {@code System.out} captured.
     */
    private static synchronized Result execute(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = ScriptCommandsTest.cli(new StringWriter(), err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.write("mezzo: " + e.getMessage() + System.lineSeparator());
            return 1;
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cli.execute(args);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8),
                err + stderr.toString(StandardCharsets.UTF_8));
    }
}
