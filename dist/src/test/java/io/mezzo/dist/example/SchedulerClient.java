package io.mezzo.dist.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.wire.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler over the Mesos v1 JSON API, as a user could write with curl: it subscribes,
 * reads the RecordIO stream on its own thread and answers every OFFERS event at once, by
 * declining with {@code refuse_seconds: 0} or by keeping the offers.
 *
 * <p>What it saw is readable from the test thread at any time: how many OFFERS events, the
 * offers (id and agent), which were rescinded, and any call the master did not accept.
 */
final class SchedulerClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the framework does with the offers it gets. */
    enum OnOffers {
        /** DECLINE each OFFERS event's offers with a zero refusal, so they come straight back. */
        DECLINE,
        /** Hold them: they stay outstanding until the master rescinds them. */
        KEEP
    }

    private final URI master;
    private final OnOffers policy;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CompletableFuture<String> subscribed = new CompletableFuture<>();
    // Written by the reader thread, read by the test: guarded by this.
    private int offerEvents;
    private final List<JsonNode> offers = new ArrayList<>();
    private final Set<String> rescinded = new HashSet<>();
    private final List<String> failures = new ArrayList<>();
    private String streamId;
    private InputStream body;

    private SchedulerClient(URI master, OnOffers policy) {
        this.master = master;
        this.policy = policy;
    }

    /** SUBSCRIBEs a framework named {@code name} in role {@code *}; returns once SUBSCRIBED arrived. */
    static SchedulerClient subscribe(URI master, String name, OnOffers policy) throws Exception {
        SchedulerClient client = new SchedulerClient(master, policy);
        ObjectNode call = JSON.createObjectNode().put("type", "SUBSCRIBE");
        call.putObject("subscribe").putObject("framework_info").put("user", "tester").put("name", name);
        HttpResponse<InputStream> response = client.http.send(client.post(call).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("SUBSCRIBE of " + name + " answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        synchronized (client) {
            client.streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
            client.body = response.body();
        }
        Thread reader = new Thread(() -> client.read(response.body()), "scheduler-" + name);
        reader.setDaemon(true);
        reader.start();
        client.subscribed.get(30, TimeUnit.SECONDS);
        return client;
    }

    String frameworkId() {
        return subscribed.join();
    }

    synchronized int offerEvents() {
        return offerEvents;
    }

    /** Every offer received so far, in order. */
    synchronized List<JsonNode> offers() {
        return List.copyOf(offers);
    }

    /** Ids of the offers received and neither declined nor rescinded (only a KEEP framework holds any). */
    synchronized Set<String> held() {
        Set<String> out = new LinkedHashSet<>();
        if (policy == OnOffers.KEEP) {
            offers.forEach(o -> out.add(offerId(o)));
            out.removeAll(rescinded);
        }
        return out;
    }

    /** Calls the master refused and streams that broke: a test ends by checking there were none. */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    static String offerId(JsonNode offer) {
        return offer.path("id").path("value").asText();
    }

    static String agentId(JsonNode offer) {
        return offer.path("agent_id").path("value").asText();
    }

    private void read(InputStream in) {
        RecordIo.Decoder decoder = new RecordIo.Decoder(16 * 1024 * 1024);
        byte[] buffer = new byte[8192];
        String end;
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (byte[] record : decoder.feed(Arrays.copyOf(buffer, n))) {
                    received(JSON.readTree(record));
                }
            }
            end = "the master ended the stream";
        } catch (IOException | InterruptedException e) {
            end = "the stream broke: " + e;
        }
        synchronized (this) {
            // After close() the end is ours, not news.
            if (body != null) {
                failures.add(end);
            }
        }
    }

    private void received(JsonNode event) throws IOException, InterruptedException {
        switch (event.path("type").asText()) {
            case "SUBSCRIBED":
                subscribed.complete(event.path("subscribed").path("framework_id").path("value").asText());
                break;
            case "OFFERS":
                List<JsonNode> made = new ArrayList<>();
                event.path("offers").path("offers").forEach(made::add);
                synchronized (this) {
                    offerEvents++;
                    offers.addAll(made);
                }
                if (policy == OnOffers.DECLINE) {
                    decline(made);
                }
                break;
            case "RESCIND":
                synchronized (this) {
                    rescinded.add(event.path("rescind").path("offer_id").path("value").asText());
                }
                break;
            default:
                break;
        }
    }

    private void decline(List<JsonNode> made) throws IOException, InterruptedException {
        ObjectNode call = JSON.createObjectNode().put("type", "DECLINE");
        call.putObject("framework_id").put("value", frameworkId());
        ObjectNode decline = call.putObject("decline");
        ArrayNode ids = decline.putArray("offer_ids");
        made.forEach(o -> ids.addObject().put("value", offerId(o)));
        decline.putObject("filters").put("refuse_seconds", 0.0);
        HttpRequest request;
        synchronized (this) {
            request = post(call).header("Mesos-Stream-Id", streamId).build();
        }
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            synchronized (this) {
                failures.add("DECLINE answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    private HttpRequest.Builder post(JsonNode call) {
        return HttpRequest.newBuilder(master.resolve("/api/v1/scheduler")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.toString()));
    }

    /** Closes the stream: the master sees the framework disconnect. */
    @Override
    public void close() throws IOException {
        InputStream in;
        synchronized (this) {
            in = body;
            body = null;
        }
        if (in != null) {
            in.close();
        }
    }
}
