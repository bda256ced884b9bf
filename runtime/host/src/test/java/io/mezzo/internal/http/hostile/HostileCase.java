package io.mezzo.internal.http.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One hostile request and the answer it must get. Bodies and header values may name the
 * cluster's live ids as placeholders ({@code {fw}}, {@code {stream}}, ...), filled in by
 * {@link HostileMaster#send}.
 *
 * @param status the status Mesos gives (MESOS-API.md §2.4), or Mezzo's where Mesos has none
 * @param says   text the plain-text answer must contain: it names the problem
 */
record HostileCase(String name, String method, String path, Map<String, String> headers, byte[] body, int status,
                   String says) {
    static final String JSON = "application/json";

    static HostileCase post(String name, String path, String json, int status, String says) {
        return new HostileCase(name, "POST", path, Map.of("Content-Type", JSON), bytes(json), status, says);
    }

    HostileCase header(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        if (value == null) {
            more.remove(header);
        } else {
            more.put(header, value);
        }
        return new HostileCase(name, method, path, more, body, status, says);
    }

    HostileCase method(String newMethod) {
        return new HostileCase(name, newMethod, path, headers, body, status, says);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code depth} nested arrays around nothing: {@code [[[...]]]}. */
    static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** {@code depth} nested objects: {@code {"a":{"a":...{}}}}. */
    static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "{}" + "}".repeat(depth);
    }

    @Override
    public String toString() {
        return name;
    }
}
