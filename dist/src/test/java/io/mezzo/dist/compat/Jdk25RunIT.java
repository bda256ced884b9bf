package io.mezzo.dist.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mezzo.dist.Jdks;
import io.mezzo.dist.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mezzo is built for Java 17 and must run on JDK 25: {@code scripts/mezzo local} started with
 * JAVA_HOME pointing at Temurin 25 runs a task for the third-party client, and the JVM prints no
 * warning about the flags JDK 24+ needs ({@code sun.misc.Unsafe}, native access).
 */
class Jdk25RunIT {
    private static final Path JDK25 = Jdks.JDK25;

    @Test
    void localClusterOnJdk25RunsATaskWithoutJvmWarnings() throws Exception {
        assertThat(JDK25.resolve("bin/java")).withFailMessage("no JDK 25 at " + JDK25
                + "; install Temurin 25 or set MEZZO_JDK25_HOME").isExecutable();
        Path home = Path.of(System.getProperty("mezzo.dist.dir", "target/mezzo"));
        Path work = Files.createDirectories(Path.of(System.getProperty("mezzo.test.work", "target/it-work")))
                .resolve("jdk25-" + System.nanoTime());
        NodeProject project = NodeProject.install(home.resolve("../../src/test/node").normalize(),
                work.resolve("node"), Duration.ofMinutes(5));
        try (LocalCluster cluster = LocalCluster.start(home, work.resolve("cluster"), Duration.ofMinutes(2),
                Map.of("JAVA_HOME", JDK25.toString()), "--agents", "1")) {
            NodeProject.Run client = project.node("run-task", Duration.ofSeconds(90), "run-task.js",
                    cluster.master().toString(), "--name", "jdk25", "--timeout", "60",
                    "--log-dir", project.dir().resolve("logs").toString());
            JsonNode outcome = new ObjectMapper().readTree(client.lastLine());
            assertThat(client.exitCode()).withFailMessage(() -> "client failed: " + outcome + "\n" + cluster.output())
                    .isZero();
            assertThat(outcome.path("outcome").asText()).isEqualTo("TASK_FINISHED");
            String stderr = Files.readString(cluster.stderr());
            assertThat(stderr).as("JVM warnings on JDK 25").doesNotContain("WARNING: sun.misc.Unsafe")
                    .doesNotContain("restricted method");
        }
    }
}
