package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DynamicMessage;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.internal.wire.MesosSchema;
import io.mezzo.internal.wire.Msg;
import io.mezzo.internal.wire.ProtoBinary;
import io.mezzo.internal.wire.RecordIo;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SUPPRESS and REVIVE, the second endpoint path, and a protobuf subscription. */
class OffersControlTest {
    @TempDir
    Path work;
    TestCluster cluster;
    SchedulerClient scheduler;

    @BeforeEach
    void start() {
        cluster = TestCluster.start(work);
        cluster.addAgent("cpus:2;mem:1024");
        scheduler = new SchedulerClient(cluster.url());
    }

    @AfterEach
    void stop() {
        scheduler.close();
        cluster.close();
    }

    @Test
    void suppressedFrameworkGetsNoOffersUntilRevived() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.call(SchedulerClient.JSON.createObjectNode().put("type", "SUPPRESS")));
        assertAccepted(scheduler.decline(offer, 0));
        cluster.advance(Duration.ofSeconds(30));
        assertThat(cluster.snapshot().offers()).as("nothing offered while suppressed").isEmpty();
        assertThat(cluster.snapshot().frameworks().get(0).suppressedRoles()).containsExactly("*");

        assertAccepted(scheduler.call(SchedulerClient.JSON.createObjectNode().put("type", "REVIVE")));
        assertThat(scheduler.next("OFFERS").path("offers").path("offers")).hasSize(1);
        assertThat(cluster.snapshot().frameworks().get(0).suppressedRoles()).isEmpty();
    }

    @Test
    void reviveClearsRefuseFilters() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.decline(offer, 3600));
        cluster.advance(Duration.ofSeconds(5));
        assertThat(cluster.snapshot().offers()).isEmpty();
        assertAccepted(scheduler.call(SchedulerClient.JSON.createObjectNode().put("type", "REVIVE")));
        assertThat(scheduler.next("OFFERS").path("offers").path("offers")).hasSize(1);
    }

    @Test
    void reviveOfARoleTheFrameworkLacksIsRefused() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        ObjectNode revive = SchedulerClient.JSON.createObjectNode().put("type", "REVIVE");
        revive.putObject("revive").putArray("roles").add("other");
        assertThat(scheduler.call(revive).statusCode()).isEqualTo(400);
    }

    @Test
    void protobufSubscriptionOnTheMasterPrefixedPathStreamsProtobufRecords() throws Exception {
        DynamicMessage call = io.mezzo.internal.wire.MsgBuilder.of(MesosSchema.SCHEDULER_CALL)
                .set("type", "SUBSCRIBE")
                .with("subscribe", s -> s.with("framework_info", f -> f.set("user", "u").set("name", "proto-fw")))
                .build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create(cluster.url() + "/master/api/v1/scheduler"))
                .header("Content-Type", "application/x-protobuf").header("Accept", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ProtoBinary.toBytes(call))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-protobuf");
        List<Msg> events = new ArrayList<>();
        RecordIo.Decoder decoder = new RecordIo.Decoder(1 << 20);
        try (InputStream in = response.body()) {
            byte[] buf = new byte[4096];
            while (events.size() < 3) {
                int n = in.read(buf);
                assertThat(n).as("stream ended early").isPositive();
                for (byte[] record : decoder.feed(java.util.Arrays.copyOf(buf, n))) {
                    events.add(Msg.of(ProtoBinary.parse(MesosSchema.SCHEDULER_EVENT, record)));
                }
            }
        }
        assertThat(events.get(0).enumName("type")).isEqualTo("SUBSCRIBED");
        assertThat(events.get(0).message("subscribed").message("framework_id").string("value"))
                .startsWith(cluster.master().info().id());
        assertThat(events.get(1).enumName("type")).isEqualTo("HEARTBEAT");
        assertThat(events.get(2).enumName("type")).isEqualTo("OFFERS");
        assertThat(events.get(2).message("offers").messages("offers")).hasSize(1);
    }
}
