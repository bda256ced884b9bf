package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.Resources;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.ReportedTask;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentRegistrationTest extends AgentHarness {

    @Test
    void firstRegistrationCarriesNoIdAndYieldsTheMastersId() {
        startAgent();

        AgentCall.Register register = master.register(0);
        assertThat(register.agentId()).isEmpty();
        assertThat(register.agentInfo().hostname()).isEqualTo("agent-host");
        assertThat(register.agentInfo().port()).isEqualTo(5051);
        assertThat(register.agentInfo().resources()).isEqualTo(Resources.parse("cpus:2;mem:1024"));
        assertThat(register.tasks()).isEmpty();

        awaitRegistered();
        AgentSnapshot snapshot = snapshot();
        assertThat(snapshot.agentId()).contains(FakeMaster.AGENT_ID);
        assertThat(snapshot.master()).contains(master.address());
    }

    @Test
    void closedStreamMakesTheAgentReRegisterWithItsIdAndRunningTask() {
        master.autoAcknowledge = true;
        startRegistered();
        launch(task("t1", "sleep 60"));
        awaitUpdate("t1", TaskState.TASK_RUNNING);

        master.closeStream();
        awaitDisconnected();
        assertThat(master.registers).hasSize(1);
        time.advance(BACKOFF);

        AgentCall.Register again = master.register(1);
        assertThat(again.agentId()).contains(FakeMaster.AGENT_ID);
        assertThat(again.tasks()).hasSize(1);
        ReportedTask reported = again.tasks().get(0);
        assertThat(reported.frameworkId()).isEqualTo(FW);
        assertThat(reported.task().taskId().value()).isEqualTo("t1");
        assertThat(reported.latest().state()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(again.frameworks()).hasSize(1);
        assertThat(again.frameworks().get(0).id()).contains(FW);
        awaitRegistered();
    }

    @Test
    void rejectedUpdateMakesTheAgentReRegisterAndResendIt() {
        master.updateStatus = 403;
        startRegistered();
        launch(task("t1", "sleep 60"));
        AgentCall.Update refused = master.update(0);

        awaitDisconnected();
        master.updateStatus = 202;
        time.advance(BACKOFF);

        AgentCall.Register again = master.register(1);
        assertThat(again.agentId()).contains(FakeMaster.AGENT_ID);
        assertThat(again.tasks()).extracting(t -> t.task().taskId().value()).containsExactly("t1");
        // On registering, the update in flight goes out again at once.
        assertThat(master.update(1).status()).isEqualTo(refused.status());
    }

    @Test
    void errorEventMakesTheAgentRegisterAgain() {
        startRegistered();
        master.push(new AgentEvent.Error("Agent agent-1 was removed"));

        awaitDisconnected();
        time.advance(BACKOFF);
        assertThat(master.register(1).agentId()).contains(FakeMaster.AGENT_ID);
        awaitRegistered();
    }

    @Test
    void redirectIsFollowedToTheLeader() throws Exception {
        try (FakeMaster leader = new FakeMaster(vertx)) {
            master.redirectTo = Optional.of(leader.address());
            startAgent();

            assertThat(leader.register(0).agentId()).isEmpty();
            awaitRegistered();
            assertThat(snapshot().master()).contains(leader.address());
            assertThat(master.registers).hasSize(1);
            agent.close();
            agent = null;
        }
    }

    @Test
    void unreachableMasterIsSkippedForTheNextInTheList() throws Exception {
        MasterAddress nobody;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = new MasterAddress("127.0.0.1", s.getLocalPort());
        }
        startAgent(config(nobody, master.address()));
        // The refused connection comes back at its own pace; keep the clock moving until the
        // retry (at most one backoff factor after the failure) has gone to the next master.
        Waits.until("registration with the second master", () -> {
            time.advance(BACKOFF);
            return snapshot().master().isPresent();
        });
        assertThat(master.registers).hasSize(1);
        assertThat(snapshot().master()).contains(master.address());
    }

    @Test
    void heartbeatsGoOutEveryIntervalOnTheRegistration() {
        master.heartbeatInterval = Duration.ofSeconds(10);
        startRegistered();

        for (int i = 1; i <= 3; i++) {
            time.advance(Duration.ofSeconds(10));
            int expected = i;
            Waits.until("heartbeat " + i, () -> master.heartbeats.size() >= expected);
        }
        assertThat(master.heartbeats).hasSize(3).allMatch(h -> h.agentId().equals(FakeMaster.AGENT_ID));
        master.assertNoWrongStreamIds();
    }

    @Test
    void silentMasterIsGivenUpAfterFiveIntervals() {
        master.heartbeatInterval = Duration.ofSeconds(10);
        startRegistered();
        for (int i = 1; i <= 4; i++) {
            time.advance(Duration.ofSeconds(10));
            int expected = i;
            Waits.until("heartbeat " + i, () -> master.heartbeats.size() >= expected);
        }
        assertThat(snapshot().master()).isPresent();

        time.advance(Duration.ofSeconds(10));
        awaitDisconnected();
        assertThat(master.heartbeats).hasSize(4);
        time.advance(BACKOFF);
        assertThat(master.register(1).agentId()).contains(FakeMaster.AGENT_ID);
        awaitRegistered();
    }
}
