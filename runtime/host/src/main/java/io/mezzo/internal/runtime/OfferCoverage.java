package io.mezzo.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.scheduler.SchedulerConnection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Rehearsal}'s framework: subscribes through the runtime's scheduler client (which
 * re-subscribes with its id when a term ends), declines every offer, and says when offers
 * from every agent arrived since {@link #expectNext()}: the sign that a term served all its
 * agents and its allocator ran.
 */
final class OfferCoverage implements SchedulerConnection.Listener, AutoCloseable {
    /** Declined offers stay away for the rest of the term; the next term has a new allocator. */
    private static final double REFUSE_SECONDS = 3600;

    private final int agents;
    private HttpSchedulerConnection connection;
    // Guarded by this.
    private final Set<String> offered = new HashSet<>();
    private String masterId = "";
    private CompletableFuture<Void> covered = new CompletableFuture<>();
    private boolean closed;

    OfferCoverage(int agents) {
        this.agents = agents;
    }

    /** Subscribes through {@code connection}, which this closes with itself. */
    synchronized void start(HttpSchedulerConnection newConnection) {
        if (closed) {
            newConnection.close();
            return;
        }
        connection = newConnection;
        ObjectNode info = JsonNodeFactory.instance.objectNode().put("user", "mezzo").put("name", "mezzo-rehearsal")
                .put("failover_timeout", 600.0);
        connection.start(info, this);
    }

    /**
     * Completes once master {@code id} (offer ids start with their master's) offered every
     * agent's resources, or fails with the session.
     */
    synchronized CompletableFuture<Void> expectFrom(String id) {
        masterId = id + "-";
        offered.clear();
        covered = new CompletableFuture<>();
        return covered;
    }

    @Override
    public void onEvent(JsonNode event) {
        if (!"OFFERS".equals(event.path("type").asText())) {
            return;
        }
        ObjectNode decline = JsonNodeFactory.instance.objectNode().put("type", "DECLINE");
        ObjectNode body = decline.putObject("decline");
        for (JsonNode offer : event.path("offers").path("offers")) {
            body.withArray("offer_ids").add(offer.path("id"));
            noteOffered(offer.path("id").path("value").asText(), offer.path("agent_id").path("value").asText());
        }
        body.putObject("filters").put("refuse_seconds", REFUSE_SECONDS);
        HttpSchedulerConnection c = connection();
        if (c != null) {
            c.send(decline);
        }
    }

    @Override
    public void onClosed(String reason) {
        failed(new IllegalStateException("the rehearsal's framework session ended: " + reason));
    }

    private synchronized void noteOffered(String offer, String agent) {
        if (!offer.startsWith(masterId)) {
            return; // the term before's, sent just before it ended
        }
        offered.add(agent);
        if (offered.size() >= agents) {
            covered.complete(null);
        }
    }

    private synchronized void failed(RuntimeException why) {
        covered.completeExceptionally(why);
    }

    private synchronized HttpSchedulerConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        HttpSchedulerConnection c;
        synchronized (this) {
            closed = true;
            c = connection;
        }
        if (c != null) {
            c.close();
        }
    }
}
