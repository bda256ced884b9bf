package io.mezzo.internal.component;

import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master with two real agents, driven by a scheduler speaking plain HTTP. */
class SchedulerApiTest {
    @TempDir
    Path work;
    TestCluster cluster;
    SchedulerClient scheduler;

    @BeforeEach
    void start() {
        cluster = TestCluster.start(work);
        cluster.addAgent("cpus:2;mem:1024;disk:1024;ports:[31000-31099]");
        cluster.addAgent("cpus:2;mem:1024;disk:1024;ports:[31100-31199]");
        scheduler = new SchedulerClient(cluster.url());
    }

    @AfterEach
    void stop() {
        scheduler.close();
        cluster.close();
    }

    @Test
    void subscribeGetsSubscribedThenAHeartbeatThenOffersOfBothAgents() throws Exception {
        JsonNode first = scheduler.subscribe(frameworkInfo("fw"));
        assertThat(first.path("type").asText()).isEqualTo("SUBSCRIBED");
        assertThat(first.path("subscribed").path("heartbeat_interval_seconds").asDouble()).isEqualTo(15.0);
        assertThat(scheduler.frameworkId()).startsWith(cluster.master().info().id() + "-");
        assertThat(scheduler.streamId()).isNotBlank();
        assertThat(scheduler.subscriptionResponse().headers().firstValue("Content-Type")).contains("application/json");
        assertThat(scheduler.next(e -> true).path("type").asText()).isEqualTo("HEARTBEAT");
        JsonNode offers = scheduler.next("OFFERS").path("offers").path("offers");
        assertThat(offers).hasSize(2);
        for (JsonNode offer : offers) {
            assertThat(offer.path("resources").findValuesAsText("name")).contains("cpus", "mem", "disk", "ports");
            assertThat(offer.path("allocation_info").path("role").asText()).isEqualTo("*");
            assertThat(offer.path("url").path("address").path("ip").asText())
                    .as("the agent's address, as Mesos gives it").isEqualTo("127.0.0.1");
        }
    }

    @Test
    void commandTaskRunsToFinishedAndEachUpdateIsAcknowledged() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask("t1", "echo hello", 0.5, 64)), 0));

        JsonNode starting = scheduler.nextUpdate("t1");
        assertThat(starting.path("state").asText()).isEqualTo("TASK_STARTING");
        assertThat(starting.path("uuid").asText()).isNotEmpty();
        assertAccepted(scheduler.acknowledge(starting));
        JsonNode running = scheduler.nextUpdate("t1");
        assertThat(running.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertAccepted(scheduler.acknowledge(running));
        JsonNode finished = scheduler.nextUpdate("t1");
        assertThat(finished.path("state").asText()).isEqualTo("TASK_FINISHED");
        assertThat(finished.path("message").asText()).isEqualTo("Command exited with status 0");
        assertThat(finished.path("source").asText()).isEqualTo("SOURCE_EXECUTOR");
        assertAccepted(scheduler.acknowledge(finished));

        MasterSnapshot s = cluster.await("task settled", snap -> snap.frameworks().get(0).tasks().isEmpty());
        assertThat(s.frameworks().get(0).completedTasks()).singleElement()
                .satisfies(t -> assertThat(t.state().name()).isEqualTo("TASK_FINISHED"));
        assertThat(stdoutOf("t1")).isEqualTo("hello\n");
    }

    @Test
    void killedTaskEndsKilled() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask("sleeper", "sleep 300", 0.5, 64)), 0));
        scheduler.awaitState("sleeper", "TASK_RUNNING");

        ObjectNode kill = SchedulerClient.JSON.createObjectNode().put("type", "KILL");
        kill.putObject("kill").putObject("task_id").put("value", "sleeper");
        assertAccepted(scheduler.call(kill));
        JsonNode killed = scheduler.awaitState("sleeper", "TASK_KILLED");
        assertThat(killed.path("message").asText()).contains("signal");
    }

    @Test
    void declinedAgentIsNotReofferedWithinRefuseWindow() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offers = scheduler.next("OFFERS").path("offers").path("offers");
        for (JsonNode offer : offers) {
            assertAccepted(scheduler.decline(offer, 30));
        }
        cluster.advance(Duration.ofSeconds(10));
        assertThat(cluster.snapshot().offers()).as("nothing offered inside the refuse window").isEmpty();
        assertThat(scheduler.pending()).noneMatch(e -> e.path("type").asText().equals("OFFERS"));

        cluster.advance(Duration.ofSeconds(21));
        assertThat(scheduler.next("OFFERS").path("offers").path("offers")).hasSize(2);
    }

    @Test
    void reconcileAnswersKnownTasksAndUnknownOnes() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask("r1", "sleep 300", 0.5, 64)), 0));
        scheduler.awaitState("r1", "TASK_RUNNING");

        ObjectNode implicitCall = SchedulerClient.JSON.createObjectNode().put("type", "RECONCILE");
        implicitCall.putObject("reconcile");
        assertAccepted(scheduler.call(implicitCall));
        JsonNode implicit = scheduler.nextUpdate("r1");
        assertThat(implicit.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(implicit.path("reason").asText()).isEqualTo("REASON_RECONCILIATION");
        assertThat(implicit.has("uuid")).as("reconciliation answers are never acknowledged").isFalse();

        ObjectNode explicit = SchedulerClient.JSON.createObjectNode().put("type", "RECONCILE");
        explicit.putObject("reconcile").putArray("tasks").addObject().putObject("task_id").put("value", "nope");
        assertAccepted(scheduler.call(explicit));
        JsonNode unknown = scheduler.nextUpdate("nope");
        assertThat(unknown.path("state").asText()).isEqualTo("TASK_LOST");
        assertThat(unknown.path("source").asText()).isEqualTo("SOURCE_MASTER");
    }

    @Test
    void teardownKillsTheFrameworksTasks() throws Exception {
        scheduler.subscribe(frameworkInfo("fw"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask("doomed", "sleep 300", 0.5, 64)), 0));
        JsonNode running = scheduler.awaitState("doomed", "TASK_RUNNING");
        long pid = running.path("container_status").path("executor_pid").asLong();
        assertThat(ProcessHandle.of(pid)).isPresent();

        assertAccepted(scheduler.simple("TEARDOWN"));
        MasterSnapshot s = cluster.await("framework removed", snap -> snap.frameworks().isEmpty());
        assertThat(s.completedFrameworks()).singleElement().satisfies(f ->
                assertThat(f.completedTasks()).singleElement().satisfies(t ->
                        assertThat(t.state().name()).isEqualTo("TASK_KILLED")));
        awaitDead(pid);
    }

    @Test
    void disconnectedFrameworkKeepsItsTasksUntilFailoverTimeout() throws Exception {
        ObjectNode info = frameworkInfo("fw").put("failover_timeout", 60.0);
        scheduler.subscribe(info);
        String id = scheduler.frameworkId();
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask("survivor", "sleep 300", 0.5, 64)), 0));
        long pid = scheduler.awaitState("survivor", "TASK_RUNNING").path("container_status").path("executor_pid").asLong();

        scheduler.close();
        cluster.await("framework disconnected", s -> s.frameworks().get(0).state().equals("DISCONNECTED"));
        cluster.advance(Duration.ofSeconds(30));
        assertThat(cluster.snapshot().frameworks()).singleElement()
                .satisfies(f -> assertThat(f.tasks()).hasSize(1));

        SchedulerClient again = new SchedulerClient(cluster.url());
        JsonNode subscribed = again.subscribe(info.deepCopy().<ObjectNode>set("id",
                SchedulerClient.JSON.createObjectNode().put("value", id)));
        assertThat(subscribed.path("subscribed").path("framework_id").path("value").asText()).isEqualTo(id);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        again.close();
        cluster.await("framework disconnected again", s -> s.frameworks().get(0).state().equals("DISCONNECTED"));
        cluster.advance(Duration.ofSeconds(61));
        cluster.await("framework removed after failover timeout", s -> s.frameworks().isEmpty());
        awaitDead(pid);
    }

    @Test
    void resubscribingReplacesTheOldStreamWithFailedOver() throws Exception {
        scheduler.subscribe(frameworkInfo("fw").put("failover_timeout", 60.0));
        ObjectNode info = frameworkInfo("fw").put("failover_timeout", 60.0);
        info.putObject("id").put("value", scheduler.frameworkId());
        try (SchedulerClient second = new SchedulerClient(cluster.url())) {
            assertThat(second.subscribe(info).path("type").asText()).isEqualTo("SUBSCRIBED");
            JsonNode error = scheduler.next("ERROR");
            assertThat(error.path("error").path("message").asText()).isEqualTo("Framework failed over");
            assertThat(second.streamId()).isNotEqualTo(scheduler.streamId());
            assertThat(scheduler.call(SchedulerClient.JSON.createObjectNode().put("type", "REVIVE")).statusCode())
                    .as("the old stream id is no longer valid").isEqualTo(400);
        }
    }

    private String stdoutOf(String taskId) throws Exception {
        try (Stream<Path> files = Files.walk(work)) {
            Path stdout = files.filter(p -> p.getFileName().toString().equals("stdout")
                    && p.toString().contains("/executors/" + taskId + "/") && !p.toString().contains("/latest/"))
                    .findFirst().orElseThrow();
            return Files.readString(stdout);
        }
    }

    private static void awaitDead(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " is still alive");
            }
            Thread.sleep(20);
        }
    }
}
