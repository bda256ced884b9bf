package io.mezzo.internal.master;

import io.mezzo.api.AllocatorOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The master's tunables, with Mesos's defaults.
 *
 * @param allocationInterval          how often the allocator runs even without events (Mesos: 1 s)
 * @param defaultRefuse               refuse filter when a DECLINE/ACCEPT gives none (Mesos: 5 s)
 * @param agentPingTimeout            the agent heartbeat interval (Mesos {@code agent_ping_timeout}: 15 s)
 * @param maxAgentPingTimeouts        missed intervals before an agent is unreachable (Mesos: 5)
 * @param agentReregisterTimeout      how long agents recovered from replicated state have to
 *                                    re-register (Mesos: 10 min)
 * @param maxCompletedFrameworks      completed frameworks kept for {@code /state} (Mesos: 50)
 * @param maxCompletedTasksPerFramework completed tasks kept per framework (Mesos: 1000)
 * @param offerTimeout                how long an offer stands before it is rescinded (Mesos
 *                                    {@code --offer_timeout}; none by default)
 * @param allocatorOptions            minimum allocatable resources and fairness exclusions
 * @param weights                     role weights from {@code --weights}; weights set through
 *                                    the operator API and kept in the store take precedence
 * @param allocatorRecoveryFactor     after a failover, the fraction of recovered agents that must
 *                                    re-register before offers resume (Mesos holds off at 0.8);
 *                                    {@code agentReregisterTimeout} ends the hold in any case
 */
public record MasterConfig(String hostname, String ip, int port, Duration allocationInterval,
                           Duration defaultRefuse, Duration agentPingTimeout, int maxAgentPingTimeouts,
                           Duration agentReregisterTimeout, int maxCompletedFrameworks,
                           int maxCompletedTasksPerFramework, Optional<Duration> offerTimeout,
                           AllocatorOptions allocatorOptions, Map<String, Double> weights,
                           double allocatorRecoveryFactor) {
    /** Fixed by Mesos ({@code DEFAULT_HEARTBEAT_INTERVAL}); clients expect it. */
    public static final Duration FRAMEWORK_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    /** Mesos caps refuse filters at a year. */
    public static final Duration MAX_REFUSE = Duration.ofDays(365);

    public MasterConfig {
        requirePositive("allocation interval", allocationInterval);
        requirePositive("agent ping timeout", agentPingTimeout);
        requirePositive("agent re-register timeout", agentReregisterTimeout);
        if (defaultRefuse.isNegative()) {
            throw new IllegalArgumentException("default refuse duration must not be negative");
        }
        if (maxAgentPingTimeouts < 1 || maxCompletedFrameworks < 0 || maxCompletedTasksPerFramework < 0) {
            throw new IllegalArgumentException("counts must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        offerTimeout = offerTimeout == null ? Optional.empty() : offerTimeout;
        offerTimeout.ifPresent(t -> requirePositive("offer timeout", t));
        if (allocatorOptions == null) {
            throw new IllegalArgumentException("allocator options must not be null");
        }
        weights = Map.copyOf(weights);
        Weights.validate(weights);
        if (!(allocatorRecoveryFactor >= 0 && allocatorRecoveryFactor <= 1)) {
            throw new IllegalArgumentException("allocator recovery factor must be between 0 and 1, not "
                    + allocatorRecoveryFactor);
        }
    }

    /** Mesos's allocator waits for this fraction of recovered agents before offering again. */
    public static final double DEFAULT_RECOVERY_FACTOR = 0.8;

    public static MasterConfig defaults(String hostname, String ip, int port) {
        return new MasterConfig(hostname, ip, port, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(15), 5, Duration.ofMinutes(10), 50, 1000, Optional.empty(),
                AllocatorOptions.defaults(), Map.of(), DEFAULT_RECOVERY_FACTOR);
    }

    public MasterConfig withPort(int newPort) {
        return new MasterConfig(hostname, ip, newPort, allocationInterval, defaultRefuse, agentPingTimeout,
                maxAgentPingTimeouts, agentReregisterTimeout, maxCompletedFrameworks, maxCompletedTasksPerFramework,
                offerTimeout, allocatorOptions, weights, allocatorRecoveryFactor);
    }

    public MasterConfig withAgentPing(Duration timeout, int maxTimeouts) {
        return new MasterConfig(hostname, ip, port, allocationInterval, defaultRefuse, timeout, maxTimeouts,
                agentReregisterTimeout, maxCompletedFrameworks, maxCompletedTasksPerFramework, offerTimeout,
                allocatorOptions, weights, allocatorRecoveryFactor);
    }

    public MasterConfig withAllocation(Duration interval, Optional<Duration> timeout, AllocatorOptions options,
                                       Map<String, Double> roleWeights) {
        return new MasterConfig(hostname, ip, port, interval, defaultRefuse, agentPingTimeout, maxAgentPingTimeouts,
                agentReregisterTimeout, maxCompletedFrameworks, maxCompletedTasksPerFramework, timeout, options,
                roleWeights, allocatorRecoveryFactor);
    }

    /** How long recovered agents have to come back, and what share of them resumes offers. */
    public MasterConfig withRecovery(Duration reregisterTimeout, double recoveryFactor) {
        return new MasterConfig(hostname, ip, port, allocationInterval, defaultRefuse, agentPingTimeout,
                maxAgentPingTimeouts, reregisterTimeout, maxCompletedFrameworks, maxCompletedTasksPerFramework,
                offerTimeout, allocatorOptions, weights, recoveryFactor);
    }

    /** How long an agent may stay silent before it is unreachable. */
    public Duration agentSilenceLimit() {
        // Not Duration.multipliedBy: it goes through BigDecimal, and this is asked on every registration.
        return Duration.ofSeconds(Math.multiplyExact(agentPingTimeout.getSeconds(), (long) maxAgentPingTimeouts))
                .plusNanos((long) agentPingTimeout.getNano() * maxAgentPingTimeouts);
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
