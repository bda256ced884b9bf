package io.mezzo.internal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.TaskSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What the master sends an agent, as RecordIO records on the response stream of its
 * REGISTER call. See {@code docs/agent-api.md}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AgentEvent.Registered.class, name = "REGISTERED"),
    @JsonSubTypes.Type(value = AgentEvent.LaunchTask.class, name = "LAUNCH_TASK"),
    @JsonSubTypes.Type(value = AgentEvent.KillTask.class, name = "KILL_TASK"),
    @JsonSubTypes.Type(value = AgentEvent.Acknowledge.class, name = "ACKNOWLEDGE"),
    @JsonSubTypes.Type(value = AgentEvent.ShutdownFramework.class, name = "SHUTDOWN_FRAMEWORK"),
    @JsonSubTypes.Type(value = AgentEvent.Heartbeat.class, name = "HEARTBEAT"),
    @JsonSubTypes.Type(value = AgentEvent.Error.class, name = "ERROR"),
})
public sealed interface AgentEvent permits AgentEvent.Registered, AgentEvent.LaunchTask, AgentEvent.KillTask,
        AgentEvent.Acknowledge, AgentEvent.ShutdownFramework, AgentEvent.Heartbeat, AgentEvent.Error {

    /**
     * First event of a stream. The agent sends HEARTBEAT calls every
     * {@code heartbeatInterval}, and the master sends HEARTBEAT events as often; an agent
     * that hears nothing for several intervals reconnects.
     *
     * <p>{@code epoch} is the master's leadership term (0 for a master that is not part of an
     * elected cluster). Every event on the stream comes from that term; an agent never accepts
     * a stream whose epoch is lower than the highest it has seen (fencing off a deposed leader).
     */
    record Registered(AgentId agentId, String masterId, Duration heartbeatInterval, long epoch) implements AgentEvent {
        public Registered {
            if (agentId == null || masterId == null) {
                throw new IllegalArgumentException("REGISTERED needs agent_id and master_id");
            }
            if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("REGISTERED needs a positive heartbeat_interval");
            }
            if (epoch < 0) {
                throw new IllegalArgumentException("REGISTERED epoch must not be negative, not " + epoch);
            }
        }

        /** From a master outside an elected cluster (epoch 0). */
        public Registered(AgentId agentId, String masterId, Duration heartbeatInterval) {
            this(agentId, masterId, heartbeatInterval, 0);
        }
    }

    /** Run this task. {@code framework} tells the agent who it runs for (user, name). */
    record LaunchTask(FrameworkId frameworkId, FrameworkInfo framework, TaskSpec task) implements AgentEvent {
        public LaunchTask {
            if (frameworkId == null || framework == null || task == null) {
                throw new IllegalArgumentException("LAUNCH_TASK needs framework_id, framework and task");
            }
        }
    }

    /** Kill the task: SIGTERM, then SIGKILL after the grace period (the task's own when absent). */
    record KillTask(FrameworkId frameworkId, TaskId taskId, Optional<Duration> gracePeriod) implements AgentEvent {
        public KillTask {
            gracePeriod = gracePeriod == null ? Optional.empty() : gracePeriod;
        }
    }

    /** The framework acknowledged this update: drop it and send the task's next one. */
    record Acknowledge(FrameworkId frameworkId, TaskId taskId, UUID uuid) implements AgentEvent {}

    /** The framework is gone: kill its tasks and forget their pending updates. */
    record ShutdownFramework(FrameworkId frameworkId) implements AgentEvent {}

    record Heartbeat() implements AgentEvent {}

    /** The master refuses this stream (the message says why) and closes it. */
    record Error(String message) implements AgentEvent {}
}
