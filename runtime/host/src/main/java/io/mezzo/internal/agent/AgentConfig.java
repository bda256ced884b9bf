package io.mezzo.internal.agent;

import io.mezzo.api.Attribute;
import io.mezzo.api.Resources;
import io.mezzo.internal.agent.fetch.FetcherConfig;
import io.mezzo.internal.security.Credential;
import io.mezzo.internal.tls.ClientTls;
import io.mezzo.spi.HdfsSettings;
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
 * @param credential                {@code --credential}: the agent authenticates with it (CRAM-MD5)
 *                                  before every REGISTER; without one it registers unauthenticated
 * @param fetcher                   how {@code CommandInfo.uris} are fetched (frameworks home, cache, stall timeout)
 * @param hdfs                      how the agent reaches HDFS for {@code hdfs://} URIs
 * @param leaderProbeInterval       {@code --leader-probe-interval}: how often the agent asks one of the
 *                                  other masters who leads, to leave a hung leader quickly; zero turns
 *                                  the probe off (it is off anyway with a single master)
 * @param checkpoint                record the agent's id and its tasks under {@code <workDir>/meta}, re-attach
 *                                  to the tasks recorded there when it starts, and leave running tasks
 *                                  running when it stops (see {@link AgentCheckpoint}); off, a stop kills
 *                                  every task and a start knows nothing of earlier runs
 */
public record AgentConfig(List<MasterAddress> masters, Path workDir, String hostname, int port,
                          Resources resources, List<Attribute> attributes, Duration defaultKillGracePeriod,
                          boolean switchUser, Duration registrationBackoffFactor, Optional<ClientTls> tls,
                          Optional<Credential> credential, FetcherConfig fetcher, HdfsSettings hdfs,
                          Duration leaderProbeInterval, boolean checkpoint) {
    public static final Duration DEFAULT_KILL_GRACE_PERIOD = Duration.ofSeconds(3);
    /** The longest one HDFS operation may wait for the NameNode or a DataNode ({@code --hdfs-timeout}). */
    public static final Duration DEFAULT_HDFS_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REGISTRATION_BACKOFF_FACTOR = Duration.ofSeconds(1);
    /** Mesos's {@code REGISTER_RETRY_INTERVAL_MAX}. */
    public static final Duration MAX_REGISTRATION_BACKOFF = Duration.ofMinutes(1);
    public static final Duration DEFAULT_LEADER_PROBE_INTERVAL = Duration.ofSeconds(1);

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
        credential = credential == null ? Optional.empty() : credential;
        if (fetcher == null || hdfs == null) {
            throw new IllegalArgumentException("agent needs fetcher and HDFS settings");
        }
        if (leaderProbeInterval == null || leaderProbeInterval.isNegative()) {
            throw new IllegalArgumentException("leader probe interval must not be negative, not "
                    + leaderProbeInterval);
        }
    }

    /** The default leader probe interval, no checkpointing. */
    public AgentConfig(List<MasterAddress> masters, Path workDir, String hostname, int port, Resources resources,
                       List<Attribute> attributes, Duration defaultKillGracePeriod, boolean switchUser,
                       Duration registrationBackoffFactor, Optional<ClientTls> tls, Optional<Credential> credential,
                       FetcherConfig fetcher, HdfsSettings hdfs) {
        this(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod, switchUser,
                registrationBackoffFactor, tls, credential, fetcher, hdfs, DEFAULT_LEADER_PROBE_INTERVAL, false);
    }

    /** Plain HTTP, no authentication, the default fetcher (Mesos's defaults) and no HDFS configuration. */
    public AgentConfig(List<MasterAddress> masters, Path workDir, String hostname, int port, Resources resources,
                       List<Attribute> attributes, Duration defaultKillGracePeriod, boolean switchUser,
                       Duration registrationBackoffFactor) {
        this(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod, switchUser,
                registrationBackoffFactor, Optional.empty(), Optional.empty(), FetcherConfig.defaults(), defaultHdfs());
    }

    /** No configuration directory, no default file system, {@link #DEFAULT_HDFS_TIMEOUT}. */
    public static HdfsSettings defaultHdfs() {
        return new HdfsSettings(Optional.empty(), Optional.empty(), DEFAULT_HDFS_TIMEOUT);
    }

    /** An agent with the Mesos defaults: no own port, no attributes, 3 s kill grace, no user switching, 1 s backoff. */
    public static AgentConfig of(List<MasterAddress> masters, Path workDir, String hostname, Resources resources) {
        return new AgentConfig(masters, workDir, hostname, 0, resources, List.of(), DEFAULT_KILL_GRACE_PERIOD,
                false, DEFAULT_REGISTRATION_BACKOFF_FACTOR, Optional.empty(), Optional.empty(), FetcherConfig.defaults(),
                defaultHdfs());
    }

    public AgentConfig withAttributes(List<Attribute> newAttributes) {
        return new AgentConfig(masters, workDir, hostname, port, resources, newAttributes, defaultKillGracePeriod,
                switchUser, registrationBackoffFactor, tls, credential, fetcher, hdfs, leaderProbeInterval, checkpoint);
    }

    public AgentConfig withDefaultKillGracePeriod(Duration grace) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, grace,
                switchUser, registrationBackoffFactor, tls, credential, fetcher, hdfs, leaderProbeInterval, checkpoint);
    }

    public AgentConfig withSwitchUser(boolean switchUserEnabled) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod,
                switchUserEnabled, registrationBackoffFactor, tls, credential, fetcher, hdfs, leaderProbeInterval, checkpoint);
    }

    public AgentConfig withTls(Optional<ClientTls> newTls) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod,
                switchUser, registrationBackoffFactor, newTls, credential, fetcher, hdfs, leaderProbeInterval, checkpoint);
    }

    public AgentConfig withCredential(Optional<Credential> agentCredential) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod,
                switchUser, registrationBackoffFactor, tls, agentCredential, fetcher, hdfs, leaderProbeInterval, checkpoint);
    }

    public AgentConfig withFetcher(FetcherConfig newFetcher) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod,
                switchUser, registrationBackoffFactor, tls, credential, newFetcher, hdfs, leaderProbeInterval, checkpoint);
    }

    public AgentConfig withHdfs(HdfsSettings newHdfs) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod,
                switchUser, registrationBackoffFactor, tls, credential, fetcher, newHdfs, leaderProbeInterval, checkpoint);
    }

    public AgentConfig withCheckpoint(boolean enabled) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod,
                switchUser, registrationBackoffFactor, tls, credential, fetcher, hdfs, leaderProbeInterval, enabled);
    }

    public AgentConfig withLeaderProbeInterval(Duration interval) {
        return new AgentConfig(masters, workDir, hostname, port, resources, attributes, defaultKillGracePeriod,
                switchUser, registrationBackoffFactor, tls, credential, fetcher, hdfs, interval, checkpoint);
    }
}
