package io.mezzo.internal.runtime;

import io.mezzo.internal.agent.Agent;
import io.mezzo.internal.agent.AgentConfig;
import java.security.SecureRandom;

/** A running agent using the host's launcher plugin. */
public final class AgentService implements AutoCloseable {
    private final Agent agent;

    private AgentService(Agent agent) {
        this.agent = agent;
    }

    public static AgentService start(HostRuntime runtime, AgentConfig config) {
        GuardedLauncher launcher = runtime.launcher();
        Agent agent = new Agent(config, runtime.vertx, runtime.time, launcher::ifAvailable, new SecureRandom());
        agent.start();
        return new AgentService(agent);
    }

    public Agent agent() {
        return agent;
    }

    /** Kills the agent's tasks and disconnects. */
    @Override
    public void close() {
        agent.close();
    }
}
