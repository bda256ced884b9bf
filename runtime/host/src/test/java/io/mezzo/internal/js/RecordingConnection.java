package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.scheduler.SchedulerConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The edge of the JS runtime, by hand: records the subscription and every call, and lets a
 * test push v1 event JSON as if the master sent it. Every call is accepted.
 */
final class RecordingConnection implements SchedulerConnection {
    final List<ObjectNode> calls = new CopyOnWriteArrayList<>();
    volatile ObjectNode frameworkInfo;
    volatile Listener listener;
    volatile boolean closed;

    @Override
    public void start(ObjectNode frameworkInfo, Listener listener) {
        this.frameworkInfo = frameworkInfo;
        this.listener = listener;
    }

    @Override
    public CompletableFuture<Void> send(ObjectNode call) {
        calls.add(call.deepCopy());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Delivers one event given as JSON text (single quotes allowed for readability). */
    void push(String json) {
        listener.onEvent(parse(json));
    }

    void subscribed(String frameworkId) {
        push("{'type':'SUBSCRIBED','subscribed':{'framework_id':{'value':'" + frameworkId + "'},"
                + "'heartbeat_interval_seconds':15}}");
    }

    List<ObjectNode> calls(String type) {
        return calls.stream().filter(c -> c.path("type").asText().equals(type)).toList();
    }

    /** Waits (bounded) until a call of {@code type} has been sent, and returns the last one. */
    ObjectNode await(String type) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<ObjectNode> sent = calls(type);
            if (!sent.isEmpty()) {
                return sent.get(sent.size() - 1);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no " + type + " call within 10s; calls: " + calls);
    }

    static JsonNode parse(String json) {
        try {
            return MezzoJson.mapper().readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A v1 offer of unreserved resources under {@code role}. */
    static String offer(String id, String agent, double cpus, double mem, String role) {
        return "{'id':{'value':'" + id + "'},'framework_id':{'value':'fw-1'},'agent_id':{'value':'" + agent + "'},"
                + "'hostname':'host-" + agent + "','allocation_info':{'role':'" + role + "'},'resources':["
                + scalar("cpus", cpus, role) + "," + scalar("mem", mem, role) + ","
                + "{'name':'ports','type':'RANGES','ranges':{'range':[{'begin':31000,'end':32000}]},'role':'*',"
                + "'allocation_info':{'role':'" + role + "'}}],"
                + "'attributes':[{'name':'rack','type':'TEXT','text':{'value':'r1'}}]}";
    }

    static String scalar(String name, double value, String role) {
        return "{'name':'" + name + "','type':'SCALAR','scalar':{'value':" + value + "},'role':'*',"
                + "'allocation_info':{'role':'" + role + "'}}";
    }

    void offers(String... offers) {
        push("{'type':'OFFERS','offers':{'offers':[" + String.join(",", offers) + "]}}");
    }
}
