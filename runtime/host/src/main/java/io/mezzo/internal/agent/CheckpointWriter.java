package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.internal.model.TaskStatus;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Agent}'s writes to its {@link AgentCheckpoint}; none when the agent does not
 * checkpoint. Confined to the agent's actor. A write that fails is logged and the agent goes on:
 * what it loses is only what a restart would have recovered.
 */
final class CheckpointWriter {
    private static final Logger LOG = System.getLogger(CheckpointWriter.class.getName());

    private final Optional<AgentCheckpoint> checkpoint;
    private final StatusUpdateStreams streams;
    private boolean failing;

    CheckpointWriter(Optional<AgentCheckpoint> checkpoint, StatusUpdateStreams streams) {
        this.checkpoint = checkpoint;
        this.streams = streams;
    }

    boolean enabled() {
        return checkpoint.isPresent();
    }

    /** The checkpoint written to; empty when the agent does not checkpoint. */
    Optional<AgentCheckpoint> checkpoint() {
        return checkpoint;
    }

    void agentId(AgentId id) {
        write(c -> c.saveAgentId(id));
    }

    /** Records {@code run} as it is now, with its unacknowledged updates. */
    void run(TaskRunner run) {
        write(c -> c.save(run.checkpoint(streams.pendingUpdates(run.task().taskId()), false)));
    }

    /** Records {@code run} with {@code next}, about to be sent, among its unacknowledged updates. */
    void runBeforeSending(TaskRunner run, TaskStatus next) {
        write(c -> {
            List<TaskStatus> pending = new ArrayList<>(streams.pendingUpdates(run.task().taskId()));
            pending.add(next);
            c.save(run.checkpoint(pending, false));
        });
    }

    /** Records that {@code run}'s framework was shut down: a restarted agent only kills what is left of it. */
    void dropped(TaskRunner run) {
        write(c -> c.save(run.checkpoint(List.of(), true)));
    }

    void forget(TaskRunner run) {
        write(c -> c.remove(run.containerId()));
    }

    private void write(Write write) {
        if (checkpoint.isEmpty()) {
            return;
        }
        try {
            write.to(checkpoint.get());
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "writing the checkpoint in " + checkpoint.get().directory() + " works again");
            }
        } catch (UncheckedIOException e) {
            // Once per run of failures: a full disk fails every write.
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "cannot write the checkpoint (a restart of this agent would not recover "
                        + "what it misses): " + e.getMessage());
            }
        }
    }

    private interface Write {
        void to(AgentCheckpoint checkpoint);
    }
}
