package io.mezzo.dist.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mezzo.dist.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The word count over HDFS as a user runs it from the README: {@code scripts/mezzo local --hdfs
 * --agents 2 --framework scripts/frameworks/wordcount.js}, on the distribution. The embedded
 * HDFS, the framework's {@code ctx.hdfs}, the agents' JS tasks' {@code task.hdfs} and the HDFS
 * bundle of {@code bundles/} all take part.
 */
class HdfsWordCountIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HDFS_AT = Pattern.compile("^HDFS at (hdfs://127\\.0\\.0\\.1:\\d+)$", Pattern.MULTILINE);

    @Test
    void localWithHdfsCountsTheSampleOverHdfsAndPrintsWhatItReadAndWrote() throws Exception {
        Path home = Path.of(System.getProperty("mezzo.dist.dir", "target/mezzo")).toAbsolutePath();
        Path repo = home.resolve("../../..").normalize();
        Path dir = Files.createDirectories(Path.of(System.getProperty("mezzo.test.work", "target/it-work"))
                .toAbsolutePath().resolve("hdfs-wordcount-" + System.nanoTime()));

        MezzoCli.Run run = MezzoCli.run(home, dir, "wordcount", Duration.ofMinutes(4), "local", "--hdfs",
                "--agents", "2", "--port", Integer.toString(LocalCluster.freePort()),
                "--cluster-port", Integer.toString(LocalCluster.freePort()),
                "--work-dir", dir.resolve("work").toString(),
                "--framework", repo.resolve("scripts/frameworks/wordcount.js").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher at = HDFS_AT.matcher(Files.readString(run.stdout(), StandardCharsets.UTF_8));
        assertThat(at.find()).as("an 'HDFS at hdfs://...' line\n%s", run.output()).isTrue();
        String fs = at.group(1);
        JsonNode result = lastJson(run);
        // The sample of wordcount.js: 85 words, 34 distinct, "the" 11 times.
        assertThat(result.path("total").asInt()).as(run.output()).isEqualTo(85);
        assertThat(result.path("words").asInt()).isEqualTo(34);
        assertThat(result.path("top").get(0).toString()).isEqualTo("[\"the\",11]");
        List<String> read = texts(result.path("read"));
        assertThat(read).hasSize(3).allSatisfy(uri ->
                assertThat(uri).matches(Pattern.quote(fs) + "/mezzo/wordcount/[^/]+/input/part-\\d\\.txt"));
        assertThat(texts(result.path("wrote"))).singleElement().satisfies(uri ->
                assertThat(uri).matches(Pattern.quote(fs) + "/mezzo/wordcount/[^/]+/result\\.json"));
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode lastJson(MezzoCli.Run run) throws IOException {
        String last = run.lastLine();
        try {
            return JSON.readTree(last);
        } catch (IOException e) {
            throw new AssertionError("the last line is not JSON: '" + last + "'\n" + run.output(), e);
        }
    }
}
