package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The HDFS flags of {@code mezzo local}, without starting a cluster. */
class LocalHdfsFlagsTest {
    @Test
    void hdfsWithAnotherDefaultFileSystemIsRefusedBeforeAnythingStarts() {
        LocalCommand local = new LocalCommand();
        new CommandLine(local).parseArgs("--hdfs", "--hdfs-default-fs", "hdfs://nn:8020");

        assertThatThrownBy(local::call).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--hdfs starts an HDFS of its own: leave out --hdfs-default-fs hdfs://nn:8020");
    }

    @Test
    void theEmbeddedHdfsBecomesTheDefaultFileSystemKeepingTheTimeout() {
        LocalCommand local = new LocalCommand();
        new CommandLine(local).parseArgs("--hdfs", "--hdfs-timeout", "5secs");

        assertThat(local.embeddedHdfs).isTrue();
        assertThat(local.hdfs.settings(Optional.of(URI.create("hdfs://127.0.0.1:9000"))).timeout().toSeconds())
                .isEqualTo(5);
        assertThat(local.hdfs.settings().defaultFs()).isEmpty();
    }

    @Test
    void helpShowsTheHdfsFlagAndTheWordCountExample() {
        StringWriter out = new StringWriter();
        assertThat(ScriptCommandsTest.cli(out, new StringWriter()).execute("local", "--help")).isZero();
        assertThat(out.toString()).contains("--hdfs ", "--hdfs-default-fs=URI", "--hadoop-conf-dir=DIR",
                "mezzo local --hdfs --agents 2 --framework");
    }
}
