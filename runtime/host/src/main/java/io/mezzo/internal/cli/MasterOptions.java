package io.mezzo.internal.cli;

import io.mezzo.api.AllocatorOptions;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.master.Weights;
import io.mezzo.internal.runtime.Durations;
import io.mezzo.internal.runtime.MasterClustering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    @Option(names = {"--offer-timeout", "--offer_timeout"}, converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Rescind offers not answered within this time (default: never).")
    Duration offerTimeout;

    @Option(names = "--weights", paramLabel = "ROLE=WEIGHT[,...]",
            description = "Role weights, e.g. \"ads=2,batch=0.5\" (a role of weight 2 gets twice the share of one"
                    + " of weight 1). Weights set with UPDATE_WEIGHTS on /api/v1 replace these and survive restarts.")
    String weights;

    @Option(names = {"--fair-sharing-excluded-resource-names", "--fair_sharing_excluded_resource_names"},
            split = ",", paramLabel = "NAME[,NAME...]",
            description = "Resources left out of fair-share computations, e.g. gpus.")
    List<String> fairnessExcluded = new ArrayList<>();

    @Option(names = {"--min-allocatable-resources", "--min_allocatable_resources"}, defaultValue = "cpus:0.01|mem:32",
            paramLabel = "RESOURCES[|RESOURCES...]",
            description = "An offer is made only when it holds at least one of these (default: ${DEFAULT-VALUE}).")
    String minAllocatable;

    @Option(names = {"--cluster-name", "--cluster_name"}, defaultValue = "mezzo", paramLabel = "NAME",
            description = "Hazelcast cluster name; masters join only others with the same name (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = {"--cluster-port", "--cluster_port"}, paramLabel = "PORT",
            description = "Hazelcast member port (default: the HTTP port + 1000).")
    Integer clusterPort;

    @Option(names = "--masters", split = ",", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "High availability: the HTTP addresses of all masters, this one's included (the list agents"
                    + " and clients are given too). The masters form a cluster; the oldest one that sees a quorum of"
                    + " them leads, the others redirect callers to it (307) and take over when it fails."
                    + " Default: this master alone.")
    List<String> masters = new ArrayList<>();

    @Option(names = "--quorum", paramLabel = "N",
            description = "How many of --masters a leader must see, itself included (default: a majority).")
    Integer quorum;

    @Option(names = {"--cluster-members", "--cluster_members"}, split = ",", paramLabel = "HOST:PORT[,...]",
            description = "The masters' cluster (Hazelcast) addresses, when they do not use their HTTP port + 1000.")
    List<String> clusterMembers = new ArrayList<>();

    @Option(names = "--multicast", description = "Find the other masters by multicast instead of their addresses.")
    boolean multicast;

    @Option(names = "--rehearsal", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "A standby master rehearses leading once after it starts (a few seconds on 127.0.0.1 with"
                    + " in-process agents and its own allocator instance), so that a failover to it runs compiled"
                    + " code; --no-rehearsal leaves it out (default: ${DEFAULT-VALUE}).")
    boolean rehearsal;

    @Option(names = {"--agent-reregister-timeout", "--agent_reregister_timeout"}, defaultValue = "10mins",
            converter = DurationConverter.class, paramLabel = "DURATION",
            description = "After a failover, how long agents have to re-register before they are unreachable"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration agentReregisterTimeout;

    @Option(names = {"--allocator-recovery-factor", "--allocator_recovery_factor"}, defaultValue = "0.8",
            paramLabel = "FRACTION",
            description = "After a failover, offers resume once this fraction of the known agents re-registered, or"
                    + " after --agent-reregister-timeout (default: ${DEFAULT-VALUE}).")
    double allocatorRecoveryFactor;

    MasterConfig config() {
        if (maxAgentPingTimeouts < 1) {
            throw new IllegalArgumentException("--max-agent-ping-timeouts must be at least 1, not " + maxAgentPingTimeouts);
        }
        AllocatorOptions options;
        try {
            options = new AllocatorOptions(AllocatorOptions.parseMinAllocatable(minAllocatable), Set.copyOf(fairnessExcluded));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--min-allocatable-resources: " + e.getMessage(), e);
        }
        Map<String, Double> roleWeights;
        try {
            roleWeights = weights == null ? Map.of() : Weights.parse(weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--weights: " + e.getMessage(), e);
        }
        if (!(allocatorRecoveryFactor >= 0 && allocatorRecoveryFactor <= 1)) {
            throw new IllegalArgumentException("--allocator-recovery-factor must be between 0 and 1, not "
                    + allocatorRecoveryFactor);
        }
        if (agentReregisterTimeout.isZero() || agentReregisterTimeout.isNegative()) {
            throw new IllegalArgumentException("--agent-reregister-timeout must be positive");
        }
        return MasterConfig.defaults(hostname(), ip, port).withAgentPing(agentPingTimeout, maxAgentPingTimeouts)
                .withAllocation(allocationInterval, Optional.ofNullable(offerTimeout), options, roleWeights)
                .withRecovery(agentReregisterTimeout, allocatorRecoveryFactor);
    }

    /** The cluster flags; with {@code --work-dir}, replicated state is mirrored under it. */
    MasterClustering clustering(Optional<java.nio.file.Path> workDir) {
        if (quorum != null && (quorum < 1 || quorum > Math.max(1, masters.size()))) {
            throw new IllegalArgumentException("--quorum " + quorum + " must be between 1 and the number of --masters ("
                    + masters.size() + ")");
        }
        return new MasterClustering(clusterName, Optional.ofNullable(clusterPort), masters, Optional.ofNullable(quorum),
                clusterMembers, multicast, workDir.map(d -> d.resolve("replicated")), rehearsal);
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
        flags.put("offer_timeout", offerTimeout == null ? "" : Durations.format(offerTimeout));
        flags.put("weights", weights == null ? "" : weights);
        flags.put("fair_sharing_excluded_resource_names", String.join(",", fairnessExcluded));
        flags.put("min_allocatable_resources", minAllocatable);
        flags.put("agent_ping_timeout", Durations.format(agentPingTimeout));
        flags.put("max_agent_ping_timeouts", Integer.toString(maxAgentPingTimeouts));
        flags.put("cluster_name", clusterName);
        flags.put("rehearsal", Boolean.toString(rehearsal));
        flags.put("cluster_port", Integer.toString(clusterPort()));
        flags.put("masters", String.join(",", masters));
        flags.put("quorum", quorum == null ? "" : Integer.toString(quorum));
        flags.put("cluster_members", String.join(",", clusterMembers));
        flags.put("multicast", Boolean.toString(multicast));
        flags.put("agent_reregister_timeout", Durations.format(agentReregisterTimeout));
        flags.put("allocator_recovery_factor", Double.toString(allocatorRecoveryFactor));
        flags.put("work_dir", common.workDir(command).toString());
        flags.put("deploy_dir", common.deployDir(command).toString());
        return flags;
    }
}
