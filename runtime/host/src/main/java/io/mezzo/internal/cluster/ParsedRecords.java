package io.mezzo.internal.cluster;

import com.hazelcast.map.IMap;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads the master's replicated maps ({@link HazelcastMasterStore}), keeping what each entry's
 * JSON parsed to, so that a JSON document read again unchanged is not parsed again.
 *
 * <p>Why: a new leader reads the whole state while every agent and framework waits, and with
 * 300 agents parsing was 60–300 ms of it on a JVM whose parsing code had run only a few times.
 * A standby reads the state ahead of any term and now and then after ({@code LeaderTerms}), so
 * at a failover only the entries changed since are parsed. Correctness does not depend on it:
 * every read takes the maps' current content; a parsed value is reused only for the very same
 * JSON text, and the values are immutable records.
 *
 * <p>Holds at most one parsed value per key of each map read, replaced on every read (keys no
 * longer in the map are dropped). Safe for concurrent reads of different maps; two concurrent
 * reads of one map each leave a complete, correct cache behind.
 */
public final class ParsedRecords {
    private static final Logger LOG = System.getLogger(ParsedRecords.class.getName());

    private record Parsed(String json, Object value) {}

    private final Map<String, Map<String, Parsed>> byMap = new ConcurrentHashMap<>();

    /**
     * Every entry of {@code map}, parsed with {@code parse} unless its JSON is the one parsed
     * last time; an entry {@code parse} refuses ({@link IllegalArgumentException}) is skipped
     * with a warning. {@code parse} must be the same for a map on every call.
     */
    <T> List<T> read(IMap<String, String> map, Function<String, T> parse) {
        Map<String, Parsed> before = byMap.getOrDefault(map.getName(), Map.of());
        Map<String, Parsed> after = new HashMap<>();
        List<T> out = new ArrayList<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            Parsed known = before.get(e.getKey());
            if (known == null || !known.json().equals(e.getValue())) {
                try {
                    known = new Parsed(e.getValue(), parse.apply(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    LOG.log(Level.WARNING, "skipping unreadable entry " + e.getKey() + " of " + map.getName() + ": "
                            + ex.getMessage());
                    continue;
                }
            }
            after.put(e.getKey(), known);
            @SuppressWarnings("unchecked") // one parse function per map, so every value is a T
            T value = (T) known.value();
            out.add(value);
        }
        byMap.put(map.getName(), after);
        return out;
    }
}
