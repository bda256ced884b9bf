package io.mezzo.internal.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MemberAttributeConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.properties.ClusterProperty;
import java.util.List;

/**
 * Starts the host's one Hazelcast member. It binds only the given interface (never all
 * interfaces), joins peers by TCP-IP (or multicast when asked; never cloud auto-detection),
 * phones nobody home, and keeps one synchronous backup of Mezzo's maps when there are peers.
 *
 * <p>Failure detection is tuned for failover: a heartbeat every second and a member silent
 * for five is removed (a hung or partitioned master; a killed one is removed in about 0.15 s
 * on its first refused reconnect, whatever these say). Operations on the partitions a dead
 * member owned are retried every 50 ms until its backups are promoted. Split-brain merges are
 * Hazelcast's.
 */
public final class HazelcastMember {
    /** The member attribute holding the master's HTTP address ({@code host:port}). */
    public static final String HTTP_ADDRESS = "mezzo.http";
    static final int HEARTBEAT_SECONDS = 1;
    static final int MAX_NO_HEARTBEAT_SECONDS = 5;
    static final long RETRY_PAUSE_MILLIS = 50;
    static final int CONNECTION_MAX_FAULTS = 1;
    /**
     * Hazelcast's default is 271, sized for large data. Mezzo's maps are small, and after a
     * member dies every partition it owned or backed up is promoted and copied again; with 71
     * the new leader's Hazelcast threads do about a quarter of that work just when its term
     * starts (all masters must use the same count: a member with another one cannot join).
     */
    static final int PARTITIONS = 71;
    /** How long a write waits for its backup's ack; see {@link HazelcastMasterStore}. */
    static final long BACKUP_ACK_MILLIS = 1000;

    private HazelcastMember() {}

    /**
     * A member outside any set of masters (tests, local mode).
     *
     * @param clusterName only members with the same name join
     * @param host        the interface to bind and advertise
     * @param port        the member port (no auto-increment: a taken port fails the start)
     * @param peers       {@code host:port} of the other members (empty in local mode)
     */
    public static HazelcastInstance start(String clusterName, String host, int port, List<String> peers) {
        return Hazelcast.newHazelcastInstance(config(clusterName, host, port, peers, false, host + ":" + port));
    }

    /** The member of the master {@code settings.self()}, joining the other masters' members. */
    public static HazelcastInstance start(ClusterSettings settings) {
        return Hazelcast.newHazelcastInstance(config(settings.clusterName(), settings.ip(), settings.clusterPort(),
                settings.peers(), settings.multicast(), settings.self()));
    }

    private static Config config(String clusterName, String host, int port, List<String> peers, boolean multicast,
                                 String httpAddress) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName("mezzo-" + clusterName + "-" + host + "-" + port);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", host);
        config.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(HEARTBEAT_SECONDS));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
        // A member cut off for a while (a hung leader that wakes up) rejoins within seconds rather
        // than after Hazelcast's default 5 minutes, and then follows the leader again.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        // Operations on a partition whose owner just died are retried until the partition table
        // names a new one; Hazelcast's default pause of 500 ms between tries was most of a failover.
        // A member whose connection fails (a killed master's port refuses at once) is suspected on
        // the first failed reconnect rather than the third: about 0.15 s instead of 0.35 s. A live
        // member wrongly suspected rejoins by the merge below.
        config.setProperty("hazelcast.connection.monitor.max.faults", Integer.toString(CONNECTION_MAX_FAULTS));
        config.setProperty("hazelcast.invocation.retry.pause.millis", Long.toString(RETRY_PAUSE_MILLIS));
        config.setProperty("hazelcast.partition.count", Integer.toString(PARTITIONS));
        // A write waits this long for its backup's ack (then returns, applied on the owner): at a
        // failover, a write whose backup was the dead member otherwise stalled for Hazelcast's
        // default 5 s, the new leader's epoch claim included.
        config.setProperty(ClusterProperty.OPERATION_BACKUP_TIMEOUT_MILLIS.getName(),
                Long.toString(BACKUP_ACK_MILLIS));
        config.setMemberAttributeConfig(new MemberAttributeConfig().setAttribute(HTTP_ADDRESS, httpAddress));
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = network.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(multicast);
        join.getTcpIpConfig().setEnabled(!multicast);
        if (!multicast) {
            join.getTcpIpConfig().addMember(host + ":" + port);
            peers.forEach(p -> join.getTcpIpConfig().addMember(p));
        }
        config.addMapConfig(new MapConfig("mezzo*").setBackupCount(1).setAsyncBackupCount(0));
        return config;
    }
}
