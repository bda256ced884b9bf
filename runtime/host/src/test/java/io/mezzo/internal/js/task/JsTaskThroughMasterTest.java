package io.mezzo.internal.js.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.js.JsTaskWire;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import io.mezzo.internal.time.SystemTime;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JS task launched through the master by a v1 client; its result reaches the framework. */
class JsTaskThroughMasterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void jsTaskResultArrivesInTheFinishedUpdatesData() throws Exception {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        try (TestCluster cluster = TestCluster.start(work); SystemTime time = new SystemTime();
             HttpSchedulerConnection connection = new HttpSchedulerConnection(List.of(URI.create(cluster.url())), time)) {
            cluster.addAgent("cpus:1;mem:512");
            connection.start(SchedulerClient.frameworkInfo("js"), new SchedulerConnection.Listener() {
                @Override
                public void onEvent(JsonNode event) {
                    events.add(event);
                }

                @Override
                public void onClosed(String reason) {
                    events.add(JSON.createObjectNode().put("type", "CLOSED").put("reason", reason));
                }
            });
            JsonNode offer = next(events, "OFFERS").path("offers").path("offers").get(0);

            connection.send(accept(offer, jsTask("pi-1", "module.exports = (args) => ({half: args.n / 2});",
                    JSON.createObjectNode().put("n", 9)))).get(20, TimeUnit.SECONDS);

            JsonNode status;
            do {
                status = next(events, "UPDATE").path("update").path("status");
                if (status.hasNonNull("uuid")) {
                    ObjectNode ack = JSON.createObjectNode().put("type", "ACKNOWLEDGE");
                    ack.putObject("acknowledge").setAll(JSON.createObjectNode()
                            .<ObjectNode>set("agent_id", status.path("agent_id"))
                            .<ObjectNode>set("task_id", status.path("task_id"))
                            .put("uuid", status.path("uuid").asText()));
                    connection.send(ack).get(20, TimeUnit.SECONDS);
                }
            } while (!status.path("state").asText().equals("TASK_FINISHED")
                    && !status.path("state").asText().equals("TASK_FAILED"));

            assertThat(status.path("state").asText()).as("status %s", status).isEqualTo("TASK_FINISHED");
            byte[] data = Base64.getDecoder().decode(status.path("data").asText());
            assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree("{\"half\":4.5}"));
        }
    }

    private static ObjectNode jsTask(String id, String source, ObjectNode args) {
        ObjectNode task = SchedulerClient.commandTask(id, "unused", 0.1, 64);
        ObjectNode command = task.putObject("command").put("shell", false).put("value", JsTaskWire.COMMAND);
        command.putArray("arguments").add(JsTaskWire.COMMAND).add("tasks/pi.js");
        task.putObject("labels").putArray("labels").addObject()
                .put("key", JsTaskWire.LABEL_KEY).put("value", JsTaskWire.LABEL_VALUE);
        ObjectNode wire = JSON.createObjectNode().put("script", "tasks/pi.js").put("source", source);
        wire.set("args", args);
        task.put("data", Base64.getEncoder().encodeToString(wire.toString().getBytes(StandardCharsets.UTF_8)));
        return task;
    }

    private static ObjectNode accept(JsonNode offer, ObjectNode task) {
        task.set("agent_id", offer.path("agent_id"));
        ObjectNode call = JSON.createObjectNode().put("type", "ACCEPT");
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").add(offer.path("id"));
        ArrayNode operations = accept.putArray("operations");
        operations.addObject().put("type", "LAUNCH").putObject("launch").putArray("task_infos").add(task);
        return call;
    }

    private static JsonNode next(BlockingQueue<JsonNode> events, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.path("type").asText().equals(type)) {
                return e;
            }
            if (e != null && e.path("type").asText().equals("CLOSED")) {
                throw new AssertionError("session closed: " + e);
            }
        }
        throw new AssertionError("no " + type + " event");
    }
}
