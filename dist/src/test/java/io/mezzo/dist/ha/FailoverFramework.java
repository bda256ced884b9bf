package io.mezzo.dist.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.dist.Waits;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.time.SystemTime;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A scheduler the way a Mesos HTTP framework survives master failover: the runtime's
 * {@link HttpSchedulerConnection} given every master, which follows 307s and re-subscribes with its
 * framework id when its stream breaks. It launches queued {@code sleep 600} tasks on the offers it
 * gets, declines the rest, acknowledges every update and keeps every update and subscription for
 * the test to check.
 */
final class FailoverFramework implements AutoCloseable {
    /** Powers of two, so that a few dozen tasks add up exactly on an agent of {@code cpus:6}. */
    static final double TASK_CPUS = 0.125;
    static final double TASK_MEM = 16;
    static final Set<String> TERMINAL = Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_LOST",
            "TASK_ERROR", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR", "TASK_UNREACHABLE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final int perOffer;
    private final SystemTime time = new SystemTime();
    private final Deque<String> pending = new ArrayDeque<>();
    /** The shell command of each task launched. */
    private final Map<String, String> commands = new ConcurrentHashMap<>();
    private final Map<String, List<String>> updates = new ConcurrentHashMap<>();
    private final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Long> offerEvents = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile HttpSchedulerConnection connection;
    private volatile Optional<String> closedBecause = Optional.empty();

    /** @param perOffer at most this many tasks on one offer, to spread a few tasks over every agent */
    FailoverFramework(String name, int perOffer) {
        this.name = name;
        this.perOffer = perOffer;
    }

    /** Subscribes through these masters (tried in turn) and waits for SUBSCRIBED. */
    FailoverFramework subscribe(List<URI> masters) throws Exception {
        connect(masters, Optional.empty());
        Waits.until(name + " subscribed", Waits.EVENT, subscriptions::size, n -> n >= 1);
        return this;
    }

    /**
     * What a framework does when it learns of a new leader through other means than its stream
     * (Mesos's detector): drops its connection and subscribes anew with its framework id, through
     * these masters. Without it, a stream to a frozen master stays open and silent until five
     * missed heartbeats (75 s) have passed.
     */
    void resubscribe(List<URI> masters) throws Exception {
        int before = subscriptions.size();
        connection.close();
        connect(masters, Optional.of(id()));
        Waits.until(name + " re-subscribed", Waits.EVENT, subscriptions::size, n -> n > before);
    }

    /** Drops the subscription without tearing the framework down, as a scheduler process that dies does. */
    void disconnect() {
        connection.close();
    }

    private void connect(List<URI> masters, Optional<String> id) {
        ObjectNode info = JSON.createObjectNode().put("user", "tester").put("name", name)
                .put("failover_timeout", 3600.0);
        id.ifPresent(i -> info.putObject("id").put("value", i));
        HttpSchedulerConnection next = new HttpSchedulerConnection(masters, time);
        connection = next;
        next.start(info, new SchedulerConnection.Listener() {
            @Override
            public void onEvent(JsonNode event) {
                received(next, event);
            }

            @Override
            public void onClosed(String reason) {
                closedBecause = Optional.of(reason);
            }
        });
    }

    String id() {
        return subscriptions.isEmpty() ? connection.frameworkId().orElseThrow() : subscriptions.get(0);
    }

    /** The framework id of each SUBSCRIBED received, in order. */
    List<String> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Queues tasks {@code <prefix>-000...}; they are launched on the next offers that fit them. */
    List<String> launch(String prefix, int count) {
        return launch(prefix, count, id -> "sleep 600");
    }

    /** Queues tasks {@code <prefix>-000...} that each run the shell command {@code command} gives for its id. */
    List<String> launch(String prefix, int count, Function<String, String> command) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("%s-%03d", prefix, i));
        }
        ids.forEach(id -> commands.put(id, command.apply(id)));
        synchronized (pending) {
            pending.addAll(ids);
        }
        return ids;
    }

    /** TEARDOWN: the master kills every task of the framework and forgets it. */
    void teardown() {
        send(connection, JSON.createObjectNode().put("type", "TEARDOWN"), "TEARDOWN");
    }

    /** Waits until each of {@code ids} has had TASK_RUNNING as its latest update. */
    void awaitRunning(List<String> ids, Duration bound) throws Exception {
        Waits.until(ids.size() + " tasks RUNNING", bound, () -> ids.stream().filter(i -> !latest(i).equals(
                Optional.of("TASK_RUNNING"))).limit(5).toList(), List::isEmpty);
    }

    Optional<String> latest(String taskId) {
        List<String> states = updates.getOrDefault(taskId, List.of());
        return states.isEmpty() ? Optional.empty() : Optional.of(states.get(states.size() - 1));
    }

    /** Task id to every state it was reported in, in order. */
    Map<String, List<String>> updates() {
        Map<String, List<String>> out = new TreeMap<>();
        updates.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** Tasks that got any update {@code bad} says yes to, with all their updates. */
    Map<String, List<String>> updatesWhere(Predicate<String> bad) {
        Map<String, List<String>> out = new TreeMap<>();
        updates().forEach((task, states) -> {
            if (states.stream().anyMatch(bad)) {
                out.put(task, states);
            }
        });
        return out;
    }

    /** When (System.nanoTime) each OFFERS event arrived. */
    List<Long> offerEvents() {
        return List.copyOf(offerEvents);
    }

    /** Calls the master refused and other surprises, for failure messages. */
    List<String> problems() {
        List<String> out = new ArrayList<>(problems);
        closedBecause.ifPresent(r -> out.add("session closed: " + r));
        return out;
    }

    private void received(HttpSchedulerConnection from, JsonNode event) {
        if (from != connection) {
            return;
        }
        switch (event.path("type").asText()) {
            case "SUBSCRIBED" -> subscriptions.add(event.path("subscribed").path("framework_id").path("value").asText());
            case "OFFERS" -> {
                offerEvents.add(System.nanoTime());
                event.path("offers").path("offers").forEach(offer -> answer(from, offer));
            }
            case "UPDATE" -> update(from, event.path("update").path("status"));
            default -> {
            }
        }
    }

    private void update(HttpSchedulerConnection from, JsonNode status) {
        String task = status.path("task_id").path("value").asText();
        updates.computeIfAbsent(task, t -> new CopyOnWriteArrayList<>()).add(status.path("state").asText());
        if (status.hasNonNull("uuid")) {
            ObjectNode call = JSON.createObjectNode().put("type", "ACKNOWLEDGE");
            ObjectNode ack = call.putObject("acknowledge");
            ack.set("agent_id", status.path("agent_id"));
            ack.set("task_id", status.path("task_id"));
            ack.put("uuid", status.path("uuid").asText());
            send(from, call, "ACKNOWLEDGE of " + task);
        }
    }

    /** Launches as many pending tasks as the offer holds; declines it when none is pending. */
    private void answer(HttpSchedulerConnection from, JsonNode offer) {
        int fits = (int) Math.min(perOffer, Math.min(Math.floor(scalar(offer, "cpus") / TASK_CPUS),
                Math.floor(scalar(offer, "mem") / TASK_MEM)));
        List<String> tasks = new ArrayList<>();
        synchronized (pending) {
            while (tasks.size() < fits && !pending.isEmpty()) {
                tasks.add(pending.poll());
            }
        }
        ObjectNode call = JSON.createObjectNode();
        if (tasks.isEmpty()) {
            call.put("type", "DECLINE").putObject("decline").putArray("offer_ids").add(offer.path("id"));
            ((ObjectNode) call.path("decline")).putObject("filters").put("refuse_seconds", 1.0);
            send(from, call, "DECLINE");
            return;
        }
        ObjectNode accept = call.put("type", "ACCEPT").putObject("accept");
        accept.putArray("offer_ids").add(offer.path("id"));
        ArrayNode infos = accept.putArray("operations").addObject().put("type", "LAUNCH")
                .putObject("launch").putArray("task_infos");
        for (String id : tasks) {
            ObjectNode info = infos.addObject().put("name", id);
            info.putObject("task_id").put("value", id);
            info.set("agent_id", offer.path("agent_id"));
            ArrayNode resources = info.putArray("resources");
            resources.addObject().put("name", "cpus").put("type", "SCALAR").putObject("scalar").put("value", TASK_CPUS);
            resources.addObject().put("name", "mem").put("type", "SCALAR").putObject("scalar").put("value", TASK_MEM);
            info.putObject("command").put("shell", true).put("value", commands.get(id));
        }
        accept.putObject("filters").put("refuse_seconds", 1.0);
        from.send(call).whenComplete((ok, failure) -> {
            if (failure != null) {
                problems.add("ACCEPT of " + tasks + " failed: " + failure);
                synchronized (pending) {
                    tasks.forEach(pending::addFirst);
                }
            }
        });
    }

    private void send(HttpSchedulerConnection from, ObjectNode call, String what) {
        from.send(call).whenComplete((ok, failure) -> {
            if (failure != null) {
                problems.add(what + " failed: " + failure);
            }
        });
    }

    private static double scalar(JsonNode offer, String name) {
        double total = 0;
        for (JsonNode r : offer.path("resources")) {
            if (r.path("name").asText().equals(name)) {
                total += r.path("scalar").path("value").asDouble();
            }
        }
        return total;
    }

    @Override
    public void close() {
        HttpSchedulerConnection c = connection;
        if (c != null) {
            c.close();
        }
        time.close();
    }
}
