package io.mezzo.internal.agent;

import io.mezzo.api.Attribute;
import io.mezzo.api.Resources;
import io.mezzo.internal.tls.ClientTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How an agent runs.
 *
 * @param masters                   the masters to register with, tried in turn (any of them
 *                                  redirects to the leader)
 * @param workDir                   root of the sandboxes ({@code --work_dir}); made absolute
 * @param hostname                  what the agent reports as its host
 * @param port                      the agent's own HTTP port, 0 when it serves none
 * @param resources                 the total the agent offers, already resolved (see {@link AgentResources})
 * @param attributes                reported with the resources, never consumed
 * @param defaultKillGracePeriod    SIGTERM→SIGKILL delay when neither the kill nor the task names one
 *                                  (3 s, the Mesos command executor's default)
 * @param switchUser                run tasks as {@code CommandInfo.user} ({@code --switch_user}); off by
 *                                  default because it needs the agent to run as root
 * @param registrationBackoffFactor {@code --registration_backoff_factor}: the first re-registration
 *                                  waits a random time up to this, each failed attempt doubles the
 *                                  bound, up to {@link #MAX_REGISTRATION_BACKOFF}
 * @param tls                       how to reach the masters over HTTPS ({@code --ssl-ca}); empty for plain HTTP
 */
public record AgentConfig(List<MasterAddress> masters, Path workDir, String hostname, int port,
                          Resources resources, List<Attribute> attributes, Duration defaultKillGracePeriod,
                          boolean switchUser, Duration registrationBackoffFactor, Optional<ClientTls> tls) {
    public static final Duration DEFAULT_KILL_GRACE_PERIOD = Duration.ofSeconds(3);
    public static final Duration DEFAULT_REGISTRATION_BACKOFF_FACTOR = Duration.ofSeconds(1);
    /** Mesos's {@code REGISTER_RETRY_INTERVAL_MAX}. */
    public static final Duration MAX_REGISTRATION_BACKOFF = Duration.ofMinutes(1);

    public AgentConfig {
        if (masters == null || masters.isEmpty()) {
            throw new IllegalArgumentException("agent needs at least one master address");
        }
        masters = List.copyOf(masters);
        if (workDir == null) {
            throw new IllegalArgumentException("agent needs a work directory");
        }
        workDir = workDir.toAbsolutePath().normalize();
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("agent hostname must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("agent port " + port + " is out of range 0..65535");
        }
        if (resources == null) {
            throw new IllegalArgumentException("agent resources must not be null");
        }
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        if (defaultKillGracePeriod == null || defaultKillGracePeriod.isNegative()) {
            throw new IllegalArgumentException("default kill grace period must not be negative, not "
                    + defaultKillGracePeriod);
        }
        if (registrationBackoffFactor == null || registrationBackoffFactor.isNegative()
                || registrationBackoffFactor.isZero()) {
            throw new IllegalArgumentException("registration backoff factor must be positive, not "
                    + registrationBackoffFactor);
        }
        tls = tls == null ? Optional.empty() : tls;
    }

    /** An agent that reaches its masters over plain HTTP. */
    public AgentConfig(List<MasterAddress> masters, Path workDir, String hostname, int port, Resources resources,
                       List<Attribute> attributes, Duration defaultKillGracePeriod, boolean switchUser,
                       Duration registrationBackoffFactor) {
        this(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod, switchUser,
                registrationBackoffFactor, Optional.empty());
    }

    /** An agent with the Mesos defaults: no own port, no attributes, 3 s kill grace, no user switching, 1 s backoff. */
    public static AgentConfig of(List<MasterAddress> masters, Path workDir, String hostname, Resources resources) {
        return new AgentConfig(masters, workDir, hostname, 0, resources, List.of(), DEFAULT_KILL_GRACE_PERIOD,
                false, DEFAULT_REGISTRATION_BACKOFF_FACTOR);
    }

    public AgentConfig withAttributes(List<Attribute> newAttributes) {
        return new AgentConfig(masters, workDir, hostname, port, resources, newAttributes, defaultKillGracePeriod,
                switchUser, registrationBackoffFactor, tls);
    }

    public AgentConfig withDefaultKillGracePeriod(Duration grace) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, grace,
                switchUser, registrationBackoffFactor, tls);
    }

    public AgentConfig withSwitchUser(boolean switchUserEnabled) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod,
                switchUserEnabled, registrationBackoffFactor, tls);
    }

    public AgentConfig withTls(Optional<ClientTls> newTls) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod,
                switchUser, registrationBackoffFactor, newTls);
    }
}
