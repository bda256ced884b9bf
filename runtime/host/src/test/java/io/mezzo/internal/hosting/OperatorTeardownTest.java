package io.mezzo.internal.hosting;

import static io.mezzo.internal.testkit.SchedulerClient.assertAccepted;
import static io.mezzo.internal.testkit.SchedulerClient.commandTask;
import static io.mezzo.internal.testkit.SchedulerClient.frameworkInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.testkit.SchedulerClient;
import io.mezzo.internal.testkit.SimulatedAgent;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator API's TEARDOWN, as Mesos's: the framework goes, its tasks are killed. */
class OperatorTeardownTest {
    final HostingMaster cluster = new HostingMaster();
    final SimulatedAgent agent = new SimulatedAgent(cluster.url);
    final SchedulerClient scheduler = new SchedulerClient(cluster.url);

    @AfterEach
    void close() {
        scheduler.close();
        agent.close();
        cluster.close();
    }

    static String teardown(String frameworkId) {
        return "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"" + frameworkId + "\"}}}";
    }

    @Test
    void teardownRemovesTheFrameworkAndKillsItsTasks() throws Exception {
        agent.register("sim-1", Resources.parse("cpus:2;mem:1024"));
        scheduler.subscribe(frameworkInfo("victim"));
        JsonNode offer = scheduler.next("OFFERS").path("offers").path("offers").get(0);
        assertAccepted(scheduler.launch(offer, List.of(commandTask("t1", "sleep 300", 1, 128)), 0));
        AgentEvent.LaunchTask launch = agent.next(AgentEvent.LaunchTask.class);
        assertThat(agent.update(launch.frameworkId(), launch.task().taskId(), TaskState.TASK_RUNNING, "running"))
                .isEqualTo(202);
        scheduler.awaitState("t1", "TASK_RUNNING");

        HttpResponse<String> r = cluster.post("/api/v1", teardown(scheduler.frameworkId()));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        AgentEvent.ShutdownFramework shutdown = agent.next(AgentEvent.ShutdownFramework.class);
        assertThat(shutdown.frameworkId()).isEqualTo(new FrameworkId(scheduler.frameworkId()));
        MasterSnapshot s = cluster.master.snapshot().join();
        assertThat(s.frameworks()).isEmpty();
        assertThat(s.completedFrameworks()).singleElement().satisfies(f -> {
            assertThat(f.id().value()).isEqualTo(scheduler.frameworkId());
            assertThat(f.completedTasks()).singleElement()
                    .satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.TASK_KILLED));
        });
        HttpResponse<String> again = cluster.post("/api/v1", teardown(scheduler.frameworkId()));
        assertThat(again.statusCode()).as("a removed framework is no longer found").isEqualTo(400);
    }

    @Test
    void unknownFrameworkIsA400AsInMesos() throws Exception {
        HttpResponse<String> r = cluster.post("/api/v1", teardown("no-such-framework"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("No framework found with specified ID");
        HttpResponse<String> missing = cluster.post("/api/v1", "{\"type\":\"TEARDOWN\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("teardown.framework_id");
    }

    @Test
    void teardownOfAHostedFrameworkStopsItsScript() throws Exception {
        Hosted h = cluster.hosted.submit(HostedFrameworksTest.script("pi.js", "module.exports = {};"),
                io.mezzo.internal.json.MezzoJson.mapper().createObjectNode(), Hosted.Origin.SUBMITTED).join();
        cluster.host.only().frameworkId = "fw-hosted";

        HttpResponse<String> r = cluster.post("/api/v1", teardown("fw-hosted"));

        assertThat(r.statusCode()).isEqualTo(200);
        HostingHttpTest.await(() -> cluster.hosted.get(h.id()).orElseThrow().state() == Hosted.State.STOPPED);
        assertThat(cluster.host.only().stops).containsExactly("torn down by the operator");
        assertThat(cluster.hosted.get(h.id()).orElseThrow().reason()).contains("torn down by the operator");
    }
}
