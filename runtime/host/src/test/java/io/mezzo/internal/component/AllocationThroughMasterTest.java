package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.JSON;
import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.AllocatorOptions;
import io.mezzo.api.Resources;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.SimulatedAgent;
import io.mezzo.internal.testkit.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allocator as frameworks see it through the master: DRF, weights, quota, reservations, offer timeout. */
class AllocationThroughMasterTest {
    @TempDir
    Path work;
    TestCluster cluster;
    final List<AutoCloseable> closeables = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        cluster.close();
    }

    private SchedulerClient framework(ObjectNode info) throws Exception {
        SchedulerClient s = new SchedulerClient(cluster.url());
        closeables.add(s);
        assertThat(s.subscribe(info).path("type").asText()).isEqualTo("SUBSCRIBED");
        return s;
    }

    private SimulatedAgent agent(String resources) throws Exception {
        SimulatedAgent a = new SimulatedAgent(cluster.url());
        closeables.add(a);
        a.register("sim-" + closeables.size(), Resources.parse(resources));
        return a;
    }

    private static double scalar(JsonNode offer, String name) {
        double sum = 0;
        for (JsonNode r : offer.path("resources")) {
            if (r.path("name").asText().equals(name)) {
                sum += r.path("scalar").path("value").asDouble();
            }
        }
        return sum;
    }

    private HttpResponse<String> operator(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The DRF paper's example: 9 CPUs and 18 GB; A runs tasks of <1 CPU, 4 GB>, B of
     * <3 CPU, 1 GB>; each accepts one task per offer. A ends with 3 tasks
     * (3/9 CPU, 12/18 GB: share 2/3) and B with 2 (6/9 CPU: share 2/3).
     */
    @Test
    void drfPaperExampleEndToEnd() throws Exception {
        cluster = TestCluster.start(work);
        agent("cpus:9;mem:18432");
        SchedulerClient a = framework(frameworkInfo("A"));
        SchedulerClient b = framework(frameworkInfo("B"));
        Map<SchedulerClient, double[]> need = Map.of(a, new double[] {1, 4096}, b, new double[] {3, 1024});
        Map<SchedulerClient, Integer> launched = new java.util.HashMap<>(Map.of(a, 0, b, 0));
        Set<SchedulerClient> full = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (full.size() < 2 && System.nanoTime() < deadline) {
            for (SchedulerClient s : List.of(a, b)) {
                Optional<JsonNode> event = s.poll(e -> e.path("type").asText().equals("OFFERS"), Duration.ofMillis(20));
                if (event.isEmpty()) {
                    continue;
                }
                for (JsonNode offer : event.get().path("offers").path("offers")) {
                    double[] n = need.get(s);
                    if (scalar(offer, "cpus") >= n[0] && scalar(offer, "mem") >= n[1]) {
                        int i = launched.merge(s, 1, Integer::sum);
                        String id = (s == a ? "a-" : "b-") + i;
                        assertAccepted(s.launch(offer, List.of(commandTask(id, "sleep 300", n[0], n[1])), 0));
                    } else {
                        assertAccepted(s.decline(offer, 3600));
                        full.add(s);
                    }
                }
            }
        }
        assertThat(launched).containsEntry(a, 3).containsEntry(b, 2);
        MasterSnapshot state = cluster.snapshot();
        for (MasterSnapshot.FrameworkView f : state.frameworks()) {
            double share = Math.max(f.used().scalar("cpus").value() / 9, f.used().scalar("mem").value() / 18432);
            assertThat(share).as(f.info().name() + "'s dominant share").isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /**
     * Roles "a" (weight 2) and "b" (weight 1) compete for 9 CPUs with tasks of 1 CPU: weighted
     * DRF ends at a:6, b:3 (dominant shares 2/3 and 1/3, twice as much for twice the weight).
     */
    @Test
    void roleOfWeightTwoGetsTwiceTheShareUnderContention() throws Exception {
        cluster = TestCluster.start(work, c -> c.withAllocation(c.allocationInterval(), Optional.empty(),
                AllocatorOptions.defaults(), Map.of("a", 2.0)));
        agent("cpus:9;mem:9216");
        SchedulerClient a = framework(frameworkInfo("fa").put("role", "a"));
        SchedulerClient b = framework(frameworkInfo("fb").put("role", "b"));
        Map<SchedulerClient, Integer> launched = new java.util.HashMap<>(Map.of(a, 0, b, 0));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (launched.get(a) + launched.get(b) < 9 && System.nanoTime() < deadline) {
            for (SchedulerClient s : List.of(a, b)) {
                Optional<JsonNode> event = s.poll(e -> e.path("type").asText().equals("OFFERS"), Duration.ofMillis(20));
                if (event.isPresent()) {
                    JsonNode offer = event.get().path("offers").path("offers").get(0);
                    int i = launched.merge(s, 1, Integer::sum);
                    assertAccepted(s.launch(offer, List.of(commandTask((s == a ? "a-" : "b-") + i, "sleep 300", 1, 1024)), 0));
                }
            }
        }
        assertThat(launched).containsEntry(a, 6).containsEntry(b, 3);
    }

    @Test
    void weightsAndQuotaAreSetAndReadThroughTheOperatorApi() throws Exception {
        cluster = TestCluster.start(work);
        assertThat(operator("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                + "[{\"role\":\"ads\",\"weight\":2.5}]}}").statusCode()).isEqualTo(200);
        JsonNode weights = JSON.readTree(operator("{\"type\":\"GET_WEIGHTS\"}").body());
        assertThat(weights.path("get_weights").path("weight_infos").get(0).path("weight").asDouble()).isEqualTo(2.5);
        HttpResponse<String> badWeight = operator("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                + "[{\"role\":\"ads\",\"weight\":-1}]}}");
        assertThat(badWeight.statusCode()).isEqualTo(400);
        assertThat(badWeight.body()).contains("positive");

        HttpResponse<String> tooMuch = operator("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":"
                + "[{\"role\":\"ads\",\"guarantees\":{\"cpus\":{\"value\":2}}}]}}");
        assertThat(tooMuch.statusCode()).as("no agent: 2 cpus cannot be guaranteed").isEqualTo(400);
        assertThat(tooMuch.body()).contains("force");
        assertThat(operator("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"force\":true,\"quota_configs\":"
                + "[{\"role\":\"ads\",\"guarantees\":{\"cpus\":{\"value\":2}},\"limits\":{\"cpus\":{\"value\":3}}}]}}")
                .statusCode()).isEqualTo(200);
        JsonNode quota = JSON.readTree(operator("{\"type\":\"GET_QUOTA\"}").body());
        JsonNode config = quota.path("get_quota").path("status").path("configs").get(0);
        assertThat(config.path("role").asText()).isEqualTo("ads");
        assertThat(config.path("guarantees").path("cpus").path("value").asDouble()).isEqualTo(2.0);
        assertThat(config.path("limits").path("cpus").path("value").asDouble()).isEqualTo(3.0);
        HttpResponse<String> inverted = operator("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"force\":true,"
                + "\"quota_configs\":[{\"role\":\"ads\",\"guarantees\":{\"cpus\":{\"value\":4}},"
                + "\"limits\":{\"cpus\":{\"value\":3}}}]}}");
        assertThat(inverted.statusCode()).isEqualTo(400);
        assertThat(inverted.body()).contains("exceeds its limit");
        assertThat(cluster.snapshot().quotas()).as("a refused update changes nothing")
                .containsOnlyKeys("ads");
    }

    @Test
    void quotaLimitCapsWhatARoleIsOffered() throws Exception {
        cluster = TestCluster.start(work);
        agent("cpus:8;mem:8192");
        assertThat(operator("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":"
                + "[{\"role\":\"ads\",\"limits\":{\"cpus\":{\"value\":3}}}]}}").statusCode()).isEqualTo(200);
        SchedulerClient ads = framework(frameworkInfo("ads-fw").put("role", "ads"));
        JsonNode offer = ads.next("OFFERS").path("offers").path("offers").get(0);
        assertThat(scalar(offer, "cpus")).isEqualTo(3.0);
        assertThat(scalar(offer, "mem")).as("mem has no limit").isEqualTo(8192.0);
    }

    @Test
    void reservedResourcesGoOnlyToRolesThatMayUseThem() throws Exception {
        cluster = TestCluster.start(work);
        agent("cpus:2;mem:1024;cpus(eng):3");
        SchedulerClient star = framework(frameworkInfo("star"));
        JsonNode starOffer = star.next("OFFERS").path("offers").path("offers").get(0);
        assertThat(scalar(starOffer, "cpus")).isEqualTo(2.0);
        assertAccepted(star.decline(starOffer, 3600));
        SchedulerClient engAds = framework(frameworkInfo("eng-ads").put("role", "eng/ads"));
        JsonNode offer = engAds.next("OFFERS").path("offers").path("offers").get(0);
        assertThat(scalar(offer, "cpus")).as("an ancestor's reservation is usable").isEqualTo(5.0);
        assertThat(offer.path("resources").findValuesAsText("role")).contains("eng");
    }

    @Test
    void unansweredOfferIsRescindedAfterTheOfferTimeout() throws Exception {
        cluster = TestCluster.start(work, c -> c.withAllocation(c.allocationInterval(), Optional.of(Duration.ofSeconds(10)),
                AllocatorOptions.defaults(), Map.of()));
        agent("cpus:2;mem:1024");
        SchedulerClient s = framework(frameworkInfo("slow"));
        JsonNode offer = s.next("OFFERS").path("offers").path("offers").get(0);
        cluster.advance(Duration.ofSeconds(9));
        assertThat(cluster.snapshot().offers()).hasSize(1);
        cluster.advance(Duration.ofSeconds(1));
        JsonNode rescind = s.next("RESCIND");
        assertThat(rescind.path("rescind").path("offer_id")).isEqualTo(offer.path("id"));
        assertThat(s.next("OFFERS").path("offers").path("offers").get(0).path("id")).isNotEqualTo(offer.path("id"));
    }

    @Test
    void allocatorMetricsUseMesossNames() throws Exception {
        cluster = TestCluster.start(work);
        agent("cpus:4;mem:4096");
        SchedulerClient s = framework(frameworkInfo("fw"));
        JsonNode offer = s.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(s.launch(offer, List.of(commandTask("t", "sleep 300", 1, 1024)), 3600));
        cluster.settle();
        JsonNode m = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cluster.url() + "/metrics/snapshot")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(m.path("allocator/mesos/allocation_runs").asLong()).isPositive();
        assertThat(m.has("allocator/mesos/allocation_run_ms/p99")).isTrue();
        assertThat(m.path("allocator/mesos/allocation_run_ms/count").asDouble())
                .isEqualTo(m.path("allocator/mesos/allocation_runs").asDouble());
        assertThat(m.path("allocator/mesos/resources/cpus/total").asDouble()).isEqualTo(4.0);
        assertThat(m.path("allocator/mesos/resources/cpus/offered_or_allocated").asDouble()).isEqualTo(1.0);
        assertThat(m.path("allocator/mesos/roles/*/shares/dominant").asDouble()).as("1 of 4 cpus, 1 of 4 GB")
                .isEqualTo(0.25);
    }
}
