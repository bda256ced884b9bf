package io.mezzo.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading the stored maps with what earlier reads parsed, against a real Hazelcast member. */
class ParsedRecordsTest {
    private HazelcastInstance hazelcast;
    private IMap<String, String> map;
    private final List<String> parsedJson = new ArrayList<>();
    private final Function<String, Integer> parse = json -> {
        parsedJson.add(json);
        if (!json.startsWith("n=")) {
            throw new IllegalArgumentException("not n=<number>: " + json);
        }
        return Integer.valueOf(json.substring(2));
    };

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        hazelcast = HazelcastMember.start("parsed-test-" + UUID.randomUUID(), "127.0.0.1", port, List.of());
        map = hazelcast.getMap("mezzo-parsed.agents");
    }

    @AfterEach
    void stop() {
        hazelcast.shutdown();
    }

    @Test
    void onlyEntriesWhoseJsonChangedAreParsedAgain() {
        ParsedRecords records = new ParsedRecords();
        for (int i = 0; i < 5; i++) {
            map.set("agent-" + i, "n=" + i);
        }
        assertThat(records.read(map, parse)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(parsedJson).hasSize(5);

        parsedJson.clear();
        map.set("agent-1", "n=10");
        map.delete("agent-2");
        map.set("agent-5", "n=5");

        assertThat(records.read(map, parse)).containsExactlyInAnyOrder(0, 10, 3, 4, 5);
        assertThat(parsedJson).containsExactlyInAnyOrder("n=10", "n=5");
    }

    @Test
    void aDeletedKeyWrittenAgainIsParsedAgainAndAnUnreadableEntryIsSkipped() {
        ParsedRecords records = new ParsedRecords();
        map.set("agent-0", "n=0");
        map.set("agent-1", "garbage");
        assertThat(records.read(map, parse)).containsExactly(0);

        map.delete("agent-0");
        assertThat(records.read(map, parse)).isEmpty();
        parsedJson.clear();
        map.set("agent-0", "n=0");

        assertThat(records.read(map, parse)).containsExactly(0);
        assertThat(parsedJson).as("the dropped key was parsed anew; the unreadable one is tried on every read")
                .containsExactlyInAnyOrder("n=0", "garbage");
    }

    @Test
    void aFreshReaderParsesEverything() {
        map.set("agent-0", "n=0");
        new ParsedRecords().read(map, parse);
        parsedJson.clear();

        assertThat(new ParsedRecords().read(map, parse)).containsExactly(0);
        assertThat(parsedJson).containsExactly("n=0");
    }
}
