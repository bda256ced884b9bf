package io.mezzo.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.hdfs.EmbeddedHdfs;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mezzo dfs} through the command line, against a real single-node HDFS. */
class DfsCommandTest {
    @TempDir
    static Path storage;
    static EmbeddedHdfs hdfs;

    @TempDir
    Path local;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void startHdfs() throws Exception {
        hdfs = EmbeddedHdfs.start(storage.resolve("hdfs"));
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    /** {@code mezzo dfs <sub> --hdfs-default-fs <embedded> args...}. */
    int dfs(String sub, String... args) {
        List<String> argv = new ArrayList<>(List.of("dfs", sub, "--hdfs-default-fs", hdfs.uri().toString()));
        argv.addAll(List.of(args));
        return ScriptCommandsTest.cli(out, err).execute(argv.toArray(String[]::new));
    }

    @Test
    void putListGetAndRemoveRoundTripAFile() throws Exception {
        Path file = Files.writeString(local.resolve("words.txt"), "to be or not to be");

        assertThat(dfs("put", file.toString(), "/dfs/a/words.txt")).as("stderr: %s", err).isZero();
        assertThat(dfs("ls", "/dfs/a")).isZero();
        assertThat(out.toString()).matches("(?s)- +18 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d " + hdfs.uri()
                + "/dfs/a/words\\.txt\\R");
        assertThat(dfs("get", hdfs.uri() + "/dfs/a/words.txt", local.resolve("back.txt").toString())).isZero();
        assertThat(Files.readString(local.resolve("back.txt"))).isEqualTo("to be or not to be");

        assertThat(dfs("rm", "/dfs/a")).as("a non-empty directory needs -r").isEqualTo(1);
        assertThat(err.toString()).contains("/dfs/a", "ALREADY_EXISTS");
        assertThat(dfs("rm", "-r", "/dfs/a")).isZero();
        assertThat(dfs("ls", "/dfs/a")).isEqualTo(1);
    }

    @Test
    void putRefusesToReplaceUnlessForced() throws Exception {
        Path file = Files.writeString(local.resolve("v.txt"), "v1");
        assertThat(dfs("put", file.toString(), "/dfs/force/v.txt")).isZero();
        Files.writeString(file, "v2");

        assertThat(dfs("put", file.toString(), "/dfs/force/v.txt")).isEqualTo(1);
        assertThat(err.toString()).contains(hdfs.uri() + "/dfs/force/v.txt", "ALREADY_EXISTS");
        assertThat(dfs("put", "-f", file.toString(), "/dfs/force/v.txt")).isZero();
        assertThat(dfs("get", "/dfs/force/v.txt", local.resolve("v-back.txt").toString())).isZero();
        assertThat(Files.readString(local.resolve("v-back.txt"))).isEqualTo("v2");
    }

    @Test
    void aMissingPathExitsOneNamingItAndTheKind() {
        assertThat(dfs("ls", "/dfs/nothing/here")).isEqualTo(1);
        assertThat(err.toString()).contains("mezzo dfs ls:", hdfs.uri() + "/dfs/nothing/here", "(NOT_FOUND)");

        assertThat(dfs("rm", "/dfs/nothing/here")).isEqualTo(1);
        assertThat(err.toString()).contains("mezzo dfs rm:", "/dfs/nothing/here", "(NOT_FOUND)");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(dfs("ls", "relative/path")).isEqualTo(2);
        assertThat(err.toString()).contains("'relative/path' is not an HDFS location");
        assertThat(dfs("put", local.resolve("absent.txt").toString(), "/dfs/x")).isEqualTo(2);
        assertThat(err.toString()).contains("no local file or directory");
        assertThat(dfs("get", "/dfs/x")).as("LOCAL missing").isEqualTo(2);
        assertThat(dfs("ls", "hdfs://nn:8020/a/../b")).isEqualTo(2);
        assertThat(ScriptCommandsTest.cli(out, err).execute("dfs")).as("no subcommand").isEqualTo(2);
        assertThat(ScriptCommandsTest.cli(out, err).execute("dfs", "mv", "/a", "/b")).isEqualTo(2);
    }

    @Test
    void helpListsTheSubcommandsWithExamples() {
        assertThat(ScriptCommandsTest.cli(out, err).execute("dfs", "--help")).isZero();
        assertThat(out.toString()).contains("ls", "put", "get", "rm", "Examples:", "mezzo dfs put",
                "--hdfs-default-fs");
        StringWriter rm = new StringWriter();
        assertThat(ScriptCommandsTest.cli(rm, err).execute("dfs", "rm", "--help")).isZero();
        assertThat(rm.toString()).contains("-r, --recursive", "--hadoop-conf-dir");
    }
}
