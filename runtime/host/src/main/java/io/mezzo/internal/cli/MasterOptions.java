package io.mezzo.internal.cli;

import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.runtime.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The master's flags, with Mesos's defaults. */
final class MasterOptions {
    @Option(names = "--ip", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the HTTP API and the cluster member bind to (default: ${DEFAULT-VALUE})."
                    + " Nothing listens on all interfaces unless you pass 0.0.0.0.")
    String ip;

    @Option(names = "--port", defaultValue = "5050", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "Name advertised to frameworks and agents (default: the --ip address).")
    String hostname;

    @Option(names = {"--allocation-interval", "--allocation_interval"}, defaultValue = "1secs",
            converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How often the allocator runs besides on events (default: ${DEFAULT-VALUE}).")
    Duration allocationInterval;

    @Option(names = {"--agent-ping-timeout", "--agent_ping_timeout"}, defaultValue = "15secs",
            converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Agent heartbeat interval (default: ${DEFAULT-VALUE}).")
    Duration agentPingTimeout;

    @Option(names = {"--max-agent-ping-timeouts", "--max_agent_ping_timeouts"}, defaultValue = "5",
            paramLabel = "N", description = "Missed heartbeats before an agent is unreachable and its tasks"
                    + " are lost (default: ${DEFAULT-VALUE}).")
    int maxAgentPingTimeouts;

    @Option(names = {"--cluster-name", "--cluster_name"}, defaultValue = "mezzo", paramLabel = "NAME",
            description = "Hazelcast cluster name; masters join only others with the same name (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = {"--cluster-port", "--cluster_port"}, paramLabel = "PORT",
            description = "Hazelcast member port (default: the HTTP port + 1000).")
    Integer clusterPort;

    MasterConfig config() {
        if (maxAgentPingTimeouts < 1) {
            throw new IllegalArgumentException("--max-agent-ping-timeouts must be at least 1, not " + maxAgentPingTimeouts);
        }
        MasterConfig d = MasterConfig.defaults(hostname(), ip, port);
        return new MasterConfig(hostname(), ip, port, allocationInterval, d.defaultRefuse(), agentPingTimeout,
                maxAgentPingTimeouts, d.agentReregisterTimeout(), d.maxCompletedFrameworks(),
                d.maxCompletedTasksPerFramework());
    }

    String hostname() {
        return hostname != null ? hostname : ip;
    }

    int clusterPort() {
        int p = clusterPort != null ? clusterPort : port + 1000;
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("cluster port " + p + " is out of range; set --cluster-port");
        }
        return p;
    }

    /** The flags as Mesos names them, for {@code /state}. */
    Map<String, String> flags(CommonOptions common, String command) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("ip", ip);
        flags.put("port", Integer.toString(port));
        flags.put("hostname", hostname());
        flags.put("allocation_interval", Durations.format(allocationInterval));
        flags.put("agent_ping_timeout", Durations.format(agentPingTimeout));
        flags.put("max_agent_ping_timeouts", Integer.toString(maxAgentPingTimeouts));
        flags.put("cluster_name", clusterName);
        flags.put("cluster_port", Integer.toString(clusterPort()));
        flags.put("work_dir", common.workDir(command).toString());
        flags.put("deploy_dir", common.deployDir(command).toString());
        return flags;
    }
}
