package io.mezzo.internal.runtime;

import io.mezzo.internal.agent.Agent;
import io.mezzo.internal.agent.AgentConfig;
import io.mezzo.internal.hdfs.HdfsAccess;
import java.security.SecureRandom;

/** A running agent using the host's launcher plugin, and its HDFS plugin for {@code hdfs://} URIs. */
public final class AgentService implements AutoCloseable {
    private final Agent agent;
    private final HdfsAccess hdfs;

    private AgentService(Agent agent, HdfsAccess hdfs) {
        this.agent = agent;
        this.hdfs = hdfs;
    }

    public static AgentService start(HostRuntime runtime, AgentConfig config) {
        GuardedLauncher launcher = runtime.launcher();
        HdfsAccess hdfs = new HdfsAccess(runtime.hdfs()::current, config.hdfs());
        Agent agent = new Agent(config, runtime.vertx, runtime.time, launcher::ifAvailable, new SecureRandom(), hdfs);
        agent.start();
        return new AgentService(agent, hdfs);
    }

    public Agent agent() {
        return agent;
    }

    /** Kills the agent's tasks and disconnects. */
    @Override
    public void close() {
        agent.close();
        hdfs.close();
    }
}
