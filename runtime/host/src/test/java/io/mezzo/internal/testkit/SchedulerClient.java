package io.mezzo.internal.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A scheduler written the way a third-party client would be: plain JSON over the JDK's HTTP
 * client, RecordIO read by hand. Events are queued; tests wait for them with a bound.
 */
public final class SchedulerClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    /** Events received but not yet matched by a {@link #next} call, oldest first. */
    private final List<JsonNode> unmatched = new ArrayList<>();
    private volatile boolean ended;
    private InputStream body;
    private String streamId;
    private String frameworkId;
    private HttpResponse<InputStream> subscription;

    /** Sent with every request; an {@code Authorization} header, say. */
    private final java.util.Map<String, String> headers;

    public SchedulerClient(String masterUrl) {
        this(masterUrl, java.util.Map.of());
    }

    public SchedulerClient(String masterUrl, java.util.Map<String, String> headers) {
        this.base = masterUrl;
        this.headers = java.util.Map.copyOf(headers);
    }

    /** Subscribes with this {@code framework_info}; returns once SUBSCRIBED (or ERROR) arrived. */
    public JsonNode subscribe(ObjectNode frameworkInfo) throws Exception {
        ObjectNode call = JSON.createObjectNode().put("type", "SUBSCRIBE");
        call.putObject("subscribe").set("framework_info", frameworkInfo);
        if (frameworkInfo.has("id")) {
            call.set("framework_id", frameworkInfo.get("id"));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.toString())).build();
        if (!headers.isEmpty()) {
            HttpRequest.Builder withHeaders = HttpRequest.newBuilder(request, (n, v) -> true);
            headers.forEach(withHeaders::header);
            request = withHeaders.build();
        }
        subscription = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (subscription.statusCode() != 200) {
            throw new IllegalStateException("SUBSCRIBE answered " + subscription.statusCode() + ": "
                    + new String(subscription.body().readAllBytes()));
        }
        streamId = subscription.headers().firstValue("Mesos-Stream-Id").orElse(null);
        body = subscription.body();
        RecordIoStreamReader.start("scheduler-stream", body, record -> {
            try {
                events.add(JSON.readTree(record));
            } catch (IOException e) {
                throw new IllegalStateException("event is not JSON: " + new String(record), e);
            }
        }, () -> ended = true);
        JsonNode first = next(e -> true);
        if (first.path("type").asText().equals("SUBSCRIBED")) {
            frameworkId = first.path("subscribed").path("framework_id").path("value").asText();
        }
        return first;
    }

    public HttpResponse<InputStream> subscriptionResponse() {
        return subscription;
    }

    public String frameworkId() {
        return frameworkId;
    }

    public String streamId() {
        return streamId;
    }

    /** True once the master closed the stream (or it broke). */
    public boolean ended() {
        return ended;
    }

    /**
     * The oldest event not yet taken (of any type, HEARTBEAT included) that matches
     * {@code filter}. Events that do not match stay for later calls.
     */
    public JsonNode next(Predicate<JsonNode> filter) throws InterruptedException {
        for (int i = 0; i < unmatched.size(); i++) {
            if (filter.test(unmatched.get(i))) {
                return unmatched.remove(i);
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode e = events.poll(Math.max(1, left), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching event within " + WAIT + "; seen: " + seen);
            }
            seen.add(e);
            if (filter.test(e)) {
                return e;
            }
            unmatched.add(e);
        }
    }

    /** Like {@link #next(Predicate)}, but empty instead of failing when nothing matches within {@code wait}. */
    public java.util.Optional<JsonNode> poll(Predicate<JsonNode> filter, Duration wait) throws InterruptedException {
        for (int i = 0; i < unmatched.size(); i++) {
            if (filter.test(unmatched.get(i))) {
                return java.util.Optional.of(unmatched.remove(i));
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode e = left <= 0 ? events.poll() : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return java.util.Optional.empty();
            }
            seen.add(e);
            if (filter.test(e)) {
                return java.util.Optional.of(e);
            }
            unmatched.add(e);
        }
    }

    public JsonNode next(String type) throws InterruptedException {
        return next(e -> e.path("type").asText().equals(type));
    }

    /** The next UPDATE for {@code taskId} (acknowledging nothing). */
    public JsonNode nextUpdate(String taskId) throws InterruptedException {
        return next(e -> e.path("type").asText().equals("UPDATE")
                && e.path("update").path("status").path("task_id").path("value").asText().equals(taskId))
                .path("update").path("status");
    }

    /** Waits for the task to reach {@code state}, acknowledging every reliable update on the way. */
    public JsonNode awaitState(String taskId, String state) throws Exception {
        while (true) {
            JsonNode status = nextUpdate(taskId);
            if (status.has("uuid")) {
                assertAccepted(acknowledge(status));
            }
            if (status.path("state").asText().equals(state)) {
                return status;
            }
        }
    }

    /** Events received but not yet taken by {@link #next}. */
    public List<JsonNode> pending() {
        List<JsonNode> all = new ArrayList<>(unmatched);
        all.addAll(events);
        return all;
    }

    public HttpResponse<String> call(ObjectNode call) throws Exception {
        return call(call, streamId);
    }

    public HttpResponse<String> call(ObjectNode call, String withStreamId) throws Exception {
        if (!call.has("framework_id") && frameworkId != null) {
            call.putObject("framework_id").put("value", frameworkId);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.toString()));
        if (withStreamId != null) {
            b.header("Mesos-Stream-Id", withStreamId);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static void assertAccepted(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.body());
        }
    }

    public HttpResponse<String> acknowledge(JsonNode status) throws Exception {
        ObjectNode call = JSON.createObjectNode().put("type", "ACKNOWLEDGE");
        call.putObject("acknowledge").<ObjectNode>set("agent_id", status.get("agent_id"))
                .<ObjectNode>set("task_id", status.get("task_id")).put("uuid", status.get("uuid").asText());
        return call(call);
    }

    /** ACCEPT one offer, launching these tasks (each {@code {name, task_id, resources, command}}). */
    public HttpResponse<String> launch(JsonNode offer, List<ObjectNode> tasks, double refuseSeconds) throws Exception {
        ObjectNode call = JSON.createObjectNode().put("type", "ACCEPT");
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").add(offer.get("id"));
        ArrayNode infos = accept.putArray("operations").addObject().put("type", "LAUNCH")
                .putObject("launch").putArray("task_infos");
        for (ObjectNode t : tasks) {
            if (!t.has("agent_id")) {
                t.set("agent_id", offer.get("agent_id"));
            }
            infos.add(t);
        }
        accept.putObject("filters").put("refuse_seconds", refuseSeconds);
        return call(call);
    }

    public HttpResponse<String> decline(JsonNode offer, double refuseSeconds) throws Exception {
        ObjectNode call = JSON.createObjectNode().put("type", "DECLINE");
        ObjectNode decline = call.putObject("decline");
        decline.putArray("offer_ids").add(offer.get("id"));
        decline.putObject("filters").put("refuse_seconds", refuseSeconds);
        return call(call);
    }

    public HttpResponse<String> simple(String type) throws Exception {
        return call(JSON.createObjectNode().put("type", type));
    }

    /** A command task asking for {@code cpus} and {@code mem}. */
    public static ObjectNode commandTask(String id, String command, double cpus, double mem) {
        ObjectNode t = JSON.createObjectNode().put("name", id);
        t.putObject("task_id").put("value", id);
        ArrayNode resources = t.putArray("resources");
        resources.addObject().put("name", "cpus").put("type", "SCALAR").putObject("scalar").put("value", cpus);
        resources.addObject().put("name", "mem").put("type", "SCALAR").putObject("scalar").put("value", mem);
        t.putObject("command").put("shell", true).put("value", command);
        return t;
    }

    public static ObjectNode frameworkInfo(String name) {
        return JSON.createObjectNode().put("user", System.getProperty("user.name")).put("name", name);
    }

    /** Drops the subscription connection, as a crashed scheduler would. */
    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (IOException e) {
            // Already closed.
        }
    }
}
