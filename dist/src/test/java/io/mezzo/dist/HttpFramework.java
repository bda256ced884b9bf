package io.mezzo.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import io.mezzo.internal.json.MezzoJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler as a third-party client would write it: Mesos v1 JSON over the JDK's HTTP
 * client, the RecordIO subscription stream read by hand. Offers and rescissions are booked
 * in an {@link OfferLedger} as they arrive, on the stream's reader thread.
 */
final class HttpFramework implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String masterUrl;
    private final OfferLedger ledger;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private InputStream body;
    private String streamId;
    private String frameworkId;

    HttpFramework(String masterUrl, OfferLedger ledger) {
        this.masterUrl = masterUrl;
        this.ledger = ledger;
    }

    /** SUBSCRIBE with this name (role {@code *}); returns once SUBSCRIBED arrived. */
    void subscribe(String name) throws Exception {
        ObjectNode call = JSON.createObjectNode().put("type", "SUBSCRIBE");
        call.putObject("subscribe").putObject("framework_info").put("user", "tester").put("name", name);
        HttpRequest request = HttpRequest.newBuilder(URI.create(masterUrl + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.toString())).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("SUBSCRIBE answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        body = response.body();
        RecordIoReader.start("scheduler-stream", body, this::received);
        frameworkId = next("SUBSCRIBED").path("subscribed").path("framework_id").path("value").asText();
    }

    private void received(byte[] record) {
        JsonNode event;
        try {
            event = JSON.readTree(record);
        } catch (IOException e) {
            throw new IllegalStateException("event is not JSON: " + new String(record), e);
        }
        String type = event.path("type").asText();
        if (type.equals("OFFERS")) {
            for (JsonNode offer : event.path("offers").path("offers")) {
                ledger.offered(streamId, offerId(offer), resources(offer));
            }
        } else if (type.equals("RESCIND")) {
            ledger.rescinded(event.path("rescind").path("offer_id").path("value").asText());
        }
        events.add(event);
    }

    /** The next event other than a heartbeat, which must be of {@code type}: order matters to the tests. */
    JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + Waits.EVENT.toNanos();
        while (true) {
            JsonNode event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no " + type + " event within " + Waits.EVENT);
            }
            String actual = event.path("type").asText();
            if (actual.equals("HEARTBEAT")) {
                continue;
            }
            if (!actual.equals(type)) {
                throw new AssertionError("expected " + type + " next, got " + event);
            }
            return event;
        }
    }

    /** The one offer of the next OFFERS event (the tests run one agent). */
    JsonNode nextOffer() throws InterruptedException {
        JsonNode offers = next("OFFERS").path("offers").path("offers");
        if (offers.size() != 1) {
            throw new AssertionError("expected one offer of the one agent, got " + offers);
        }
        return offers.get(0);
    }

    /** The offer id the next RESCIND names. */
    String nextRescind() throws InterruptedException {
        return next("RESCIND").path("rescind").path("offer_id").path("value").asText();
    }

    /** Events received and not read yet, heartbeats left out. */
    List<JsonNode> unread() {
        List<JsonNode> out = new ArrayList<>(events);
        out.removeIf(e -> e.path("type").asText().equals("HEARTBEAT"));
        return out;
    }

    /** ACCEPTs the whole offer with one command task using {@code task}; no refuse filter on the rest. */
    void launch(JsonNode offer, String taskName, Resources task) throws Exception {
        ObjectNode call = JSON.createObjectNode().put("type", "ACCEPT");
        call.putObject("framework_id").put("value", frameworkId);
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").addObject().put("value", offerId(offer));
        ObjectNode info = accept.putArray("operations").addObject().put("type", "LAUNCH")
                .putObject("launch").putArray("task_infos").addObject().put("name", taskName);
        info.putObject("task_id").put("value", taskName);
        info.set("agent_id", offer.get("agent_id"));
        ArrayNode resources = info.putArray("resources");
        for (Resource r : task) {
            resources.addObject().put("name", r.name()).put("type", "SCALAR")
                    .putObject("scalar").put("value", ((Scalar) r.value()).value());
        }
        info.putObject("command").put("shell", true).put("value", "sleep 600");
        accept.putObject("filters").put("refuse_seconds", 0.0);

        ledger.accepted(offerId(offer), task);
        HttpRequest request = HttpRequest.newBuilder(URI.create(masterUrl + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Mesos-Stream-Id", streamId)
                .POST(HttpRequest.BodyPublishers.ofString(call.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError("ACCEPT answered " + response.statusCode() + ": " + response.body());
        }
    }

    static String offerId(JsonNode offer) {
        return offer.path("id").path("value").asText();
    }

    static Resources resources(JsonNode offer) {
        return MezzoJson.resourcesFromJson(offer.path("resources"));
    }

    @Override
    public void close() throws IOException {
        if (body != null) {
            body.close();
        }
    }
}
