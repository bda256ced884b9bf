package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.TaskId;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents across a leader change: epoch fencing and the leader probe, against two or three
 * {@link FakeMaster}s. {@code master} (from the harness) is the first leader, "A";
 * {@code other} is "B".
 */
class AgentLeaderChangeTest extends AgentHarness {
    private static final Duration PROBE = AgentConfig.DEFAULT_LEADER_PROBE_INTERVAL;

    private FakeMaster other;

    @BeforeEach
    void startOther() throws Exception {
        other = new FakeMaster(vertx);
    }

    @AfterEach
    void stopOther() throws Exception {
        if (agent != null) {
            agent.close();
            agent = null;
        }
        other.close();
    }

    /** Registers with A (epoch {@code epoch}), B being the other master; B's probe answer says A leads. */
    private void registerWithA(long epoch) {
        master.epoch = epoch;
        other.leader = Optional.of(master.address());
        other.leaderEpoch = epoch;
        startAgent(config(master.address(), other.address()));
        awaitRegistered();
        assertThat(snapshot().master()).contains(master.address());
    }

    /** B takes over: it leads in {@code epoch} and says so when probed. */
    private void bLeads(long epoch) {
        other.epoch = epoch;
        other.leader = Optional.of(other.address());
        other.leaderEpoch = epoch;
    }

    /** One probe interval passes; waits until B has been asked. */
    private void probeOnce() {
        int before = other.probes.get();
        time.advance(PROBE);
        Waits.until("a leader probe of master B", () -> other.probes.get() > before);
    }

    @Test
    void aMasterThatCannotBeReachedIsPassedOverAtOnceAndNamedToTheNext() throws Exception {
        MasterAddress dead;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            dead = new MasterAddress("127.0.0.1", closed.getLocalPort());
        }
        bLeads(1);
        startAgent(config(dead, other.address()));
        // No backoff: the clock does not move, yet B is asked and told whom the agent could not reach.
        assertThat(other.register(0).agentId()).isEmpty();
        awaitRegistered();
        assertThat(other.lostLeaders).containsExactly(dead.toString());
        assertThat(snapshot().master()).contains(other.address());
    }

    @Test
    void theLeaderWhoseStreamBrokeIsNamedToTheNextMasterUntilRegisteredAgain() {
        registerWithA(2);
        assertThat(master.lostLeaders).containsExactly("");
        bLeads(3);
        master.closeStream();
        awaitDisconnected();
        time.advance(BACKOFF);
        other.register(0);
        awaitRegistered();
        assertThat(other.lostLeaders).isNotEmpty().containsOnly(master.address().toString());
        assertThat(snapshot().master()).contains(other.address());
        // Registered again, the agent forgot A: losing B, it names B.
        int seenByA = master.registers.size();
        int seenByB = other.registers.size();
        other.closeStream();
        awaitDisconnected();
        time.advance(BACKOFF);
        Waits.until("a REGISTER after B's stream closed",
                () -> master.registers.size() + other.registers.size() > seenByA + seenByB);
        java.util.List<String> later = new java.util.ArrayList<>(master.lostLeaders.subList(seenByA,
                master.lostLeaders.size()));
        later.addAll(other.lostLeaders.subList(seenByB, other.lostLeaders.size()));
        assertThat(later).isNotEmpty().containsOnly(other.address().toString());
    }

    @Test
    void registeredWithAnOlderEpochIsRefusedAndTheNextMasterTried() {
        registerWithA(2);
        other.leader = Optional.empty();
        other.epoch = 1;
        master.closeStream();
        awaitDisconnected();
        time.advance(BACKOFF);

        // The retry goes to B, whose REGISTERED is from term 1: refused, and A (next) is asked at once.
        assertThat(other.register(0).agentId()).contains(FakeMaster.AGENT_ID);
        assertThat(master.register(1).agentId()).contains(FakeMaster.AGENT_ID);
        awaitRegistered();
        assertThat(snapshot().master()).contains(master.address());
        Waits.until("the agent to close B's stream", () -> other.streamClosedByAgent);
        other.tryPush(new AgentEvent.LaunchTask(FW, framework(FW), task("stale", "sleep 60")));
        assertThat(other.registers).hasSize(1);
        assertThat(launcher.specs).doesNotContainKey("stale");
    }

    @Test
    void streamWhoseEpochHeaderIsOlderIsRefusedBeforeItsEvents() {
        registerWithA(3);
        other.leader = Optional.empty();
        other.epoch = 3;
        other.epochHeader = Optional.of(2L);
        master.closeStream();
        awaitDisconnected();
        time.advance(BACKOFF);

        assertThat(other.register(0).agentId()).contains(FakeMaster.AGENT_ID);
        master.register(1);
        awaitRegistered();
        assertThat(snapshot().master()).contains(master.address());
        Waits.until("the agent to close B's stream", () -> other.streamClosedByAgent);
    }

    @Test
    void epochZeroIsAcceptedOnlyWhileNothingHigherWasSeen() {
        master.autoAcknowledge = true;
        registerWithA(0);
        other.leader = Optional.empty();
        launch(task("t1", "sleep 60"));
        awaitUpdate("t1", TaskState.TASK_RUNNING);

        // B leads in term 1; once the agent has been there, A's epoch 0 is stale.
        other.epoch = 1;
        master.closeStream();
        awaitDisconnected();
        time.advance(BACKOFF);
        other.register(0);
        awaitRegistered();
        assertThat(snapshot().master()).contains(other.address());

        other.closeStream();
        awaitDisconnected();
        time.advance(BACKOFF);
        assertThat(master.register(1).tasks()).hasSize(1);
        assertThat(other.register(1).tasks()).hasSize(1);
        awaitRegistered();
        assertThat(snapshot().master()).contains(other.address());
        assertThat(master.registers).hasSize(2);
    }

    @Test
    void probeMovesTheAgentToANewerLeaderWhileTheOldStreamStaysSilent() {
        master.autoAcknowledge = true;
        registerWithA(1);
        launch(task("t1", "sleep 60"));
        awaitUpdate("t1", TaskState.TASK_RUNNING);
        Waits.until("t1's updates acknowledged", () -> snapshot().task(new TaskId("t1")).orElseThrow()
                .pendingUpdates() == 0);

        master.hang();
        bLeads(2);
        probeOnce();

        AgentCall.Register again = other.register(0);
        assertThat(again.agentId()).contains(FakeMaster.AGENT_ID);
        assertThat(again.tasks()).extracting(t -> t.task().taskId().value()).containsExactly("t1");
        assertThat(again.tasks().get(0).latest().state()).isEqualTo(TaskState.TASK_RUNNING);
        awaitRegistered();
        assertThat(snapshot().master()).contains(other.address());
        // The deposed leader's stream is closed: whatever it says when it wakes cannot reach the agent.
        Waits.until("the agent to close A's stream", () -> master.streamClosedByAgent);
        assertThat(master.tryPush(new AgentEvent.KillTask(FW, new TaskId("t1"), Optional.empty()))).isFalse();
        assertThat(snapshot().task(new TaskId("t1")).orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);
    }

    @Test
    void oldStreamIsClosedAndItsEventsIgnoredWhileTheNewLeaderIsStillBeingReached() throws Exception {
        try (FakeMaster third = new FakeMaster(vertx)) {
            master.epoch = 1;
            other.leader = Optional.of(master.address());
            other.leaderEpoch = 1;
            startAgent(config(master.address(), other.address()));
            awaitRegistered();
            // B says C leads in term 2, but C does not answer REGISTER yet.
            third.hang();
            other.leader = Optional.of(third.address());
            other.leaderEpoch = 2;
            probeOnce();

            Waits.until("the agent to leave A", () -> snapshot().master().isEmpty());
            Waits.until("the agent to close A's stream", () -> master.streamClosedByAgent);
            master.tryPush(new AgentEvent.LaunchTask(FW, framework(FW), task("stale", "sleep 60")));
            assertThat(snapshot().master()).isEmpty();
            assertThat(snapshot().tasks()).isEmpty();
            assertThat(launcher.specs).doesNotContainKey("stale");
            agent.close();
            agent = null;
        }
    }

    @Test
    void noMoveWhenTheProbedLeaderIsTheCurrentMaster() {
        registerWithA(4);
        probeOnce();
        probeOnce();

        assertThat(snapshot().master()).contains(master.address());
        assertThat(master.registers).hasSize(1);
        assertThat(other.registers).isEmpty();
    }

    @Test
    void noMoveWhenTheProbedLeadersEpochIsNotHigher() {
        registerWithA(4);
        bLeads(4);
        probeOnce();
        bLeads(3);
        probeOnce();

        assertThat(snapshot().master()).contains(master.address());
        assertThat(master.registers).hasSize(1);
        assertThat(other.registers).isEmpty();
    }

    @Test
    void unacknowledgedUpdatesAreResentToTheNewLeaderAndAcknowledgedThere() {
        registerWithA(1);
        launch(task("t1", "sleep 60"));
        AgentCall.Update starting = master.update(0);
        assertThat(starting.status().state()).isEqualTo(TaskState.TASK_STARTING);
        awaitTaskState("t1", TaskState.TASK_RUNNING);

        // A hangs before acknowledging STARTING; B leads in a newer term.
        master.hang();
        other.autoAcknowledge = true;
        bLeads(2);
        probeOnce();

        // On re-registering, the update in flight goes to B at once, then the rest follows.
        assertThat(other.update(0).status()).isEqualTo(starting.status());
        assertThat(other.update(1).status().state()).isEqualTo(TaskState.TASK_RUNNING);
        Waits.until("every update of t1 acknowledged by B", () -> snapshot().task(new TaskId("t1"))
                .orElseThrow().pendingUpdates() == 0);
        assertThat(master.updates).hasSize(1);
        assertThat(other.states()).containsExactly("t1:TASK_STARTING", "t1:TASK_RUNNING");
        other.assertNoWrongStreamIds();
    }

    @Test
    void updateAnsweredWithARedirectMovesTheAgentToTheNamedLeaderAtOnce() {
        registerWithA(1);
        other.leader = Optional.empty();
        master.callsRedirectTo = Optional.of(other.address());
        other.epoch = 2;
        other.autoAcknowledge = true;
        launch(task("t1", "sleep 60"));

        // No clock moves: the 307 is followed at once, not after a backoff.
        AgentCall.Register again = other.register(0);
        assertThat(again.agentId()).contains(FakeMaster.AGENT_ID);
        assertThat(again.tasks()).extracting(t -> t.task().taskId().value()).containsExactly("t1");
        assertThat(other.awaitUpdate(u -> u.status().state() == TaskState.TASK_STARTING).status().taskId())
                .isEqualTo(new TaskId("t1"));
        awaitRegistered();
        assertThat(snapshot().master()).contains(other.address());
    }
}
