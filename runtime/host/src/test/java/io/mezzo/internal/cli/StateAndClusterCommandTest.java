package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.authenticator.CredentialsAuthenticator;
import io.mezzo.internal.security.AuthenticationPolicy;
import io.mezzo.internal.testkit.CredentialsFiles;
import io.mezzo.internal.testkit.TestCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StateAndClusterCommandTest {
    @TempDir
    Path work;

    @Test
    void stateMarksASingleRealMasterAsLeaderAndCountsItsAgentsAndFrameworks() throws Exception {
        try (TestCluster cluster = TestCluster.start(work)) {
            URI url = URI.create(cluster.url());
            String address = url.getHost() + ":" + url.getPort();
            StateCommand state = new StateCommand();
            ObjectNode report = state.report(List.of(url));

            assertThat(report.path("leader").asText()).isEqualTo(address);
            assertThat(report.path("masters").get(0).path("role").asText()).isEqualTo("leader");
            assertThat(report.has("agents")).isTrue();
            assertThat(report.path("frameworks").asInt()).isZero();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            state.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("* " + address).contains("leader: " + address);
            assertThat(Main.run("state", "--master", address)).isZero();
        }
    }

    @Test
    void statePresentsItsCredentialToAMasterThatAuthenticatesReaders() throws Exception {
        Path credentials = CredentialsFiles.write(work, Map.of("ops", "ops-secret"));
        try (TestCluster cluster = TestCluster.startAuthenticated(work.resolve("cluster"), new AuthenticationPolicy(
                Optional.of(credentials), false, false, true, false), Optional.of(new CredentialsAuthenticator()))) {
            String address = URI.create(cluster.url()).getRawAuthority();
            Path mine = Files.writeString(work.resolve("ops.json"), "{\"principal\":\"ops\",\"secret\":\"ops-secret\"}");
            Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rw-------"));

            ObjectNode anonymous = parse("--master", address).reportAsFlagsSay();
            ObjectNode authenticated = parse("--master", address, "--credential", mine.toString()).reportAsFlagsSay();

            assertThat(anonymous.path("leader").asText()).isEqualTo(address);
            assertThat(anonymous.path("leader_state_error").asText()).contains("/state answered 401");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new StateCommand().print(anonymous, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("the leader's /state: /state answered 401");
            assertThat(authenticated.path("leader_state_error").isMissingNode()).as(authenticated.toString()).isTrue();
            assertThat(authenticated.path("agents").asInt(-1)).isZero();
        }
    }

    private static StateCommand parse(String... args) {
        StateCommand state = new StateCommand();
        new CommandLine(state).parseArgs(args);
        return state;
    }

    @Test
    void stateExitsOneWhenNoMasterAnswers() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        StateCommand state = new StateCommand();
        ObjectNode report = state.report(List.of(URI.create("http://127.0.0.1:" + dead)));

        assertThat(report.path("leader").isNull()).isTrue();
        assertThat(report.path("masters").get(0).path("role").asText()).isEqualTo("unreachable");
        assertThat(Main.run("state", "--master", "127.0.0.1:" + dead, "--json")).isEqualTo(1);
    }

    @Test
    void clusterRejectsCountsAndPortsThatCannotMakeACluster() {
        assertThat(Main.run("cluster", "--masters", "0")).isEqualTo(2);
        assertThat(Main.run("cluster", "--agents", "-1")).isEqualTo(2);
        assertThat(Main.run("cluster", "--base-port", "65000")).isEqualTo(2);
    }

    @Test
    void clusterGivesEveryMasterAndAgentTheSameListOfMasters() {
        ClusterCommand command = new ClusterCommand();
        new CommandLine(command).parseArgs("--masters", "3", "--base-port", "6050", "--agent-resources", "cpus:2");
        command.validate();

        assertThat(command.masterArgs(1, Path.of("/w/master-2"))).containsSubsequence("--port", "6051")
                .containsSubsequence("--cluster-port", "7051")
                .containsSubsequence("--masters", "127.0.0.1:6050,127.0.0.1:6051,127.0.0.1:6052")
                .containsSubsequence("--work-dir", "/w/master-2");
        assertThat(command.agentArgs(Path.of("/w/agent-1")))
                .containsSubsequence("--master", "127.0.0.1:6050,127.0.0.1:6051,127.0.0.1:6052")
                .containsSubsequence("--resources", "cpus:2");
        assertThat(ClusterCommand.javaCommand()).contains(Main.class.getName());
    }
}
