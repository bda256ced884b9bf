package io.mezzo.internal.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Starts the host's one Hazelcast member. It binds only the given interface (never all
 * interfaces), joins peers by TCP-IP (no multicast, no cloud auto-detection), phones
 * nobody home, and keeps one synchronous backup of Mezzo's maps when there are peers.
 */
public final class HazelcastMember {
    private HazelcastMember() {}

    /**
     * @param clusterName only members with the same name join
     * @param host        the interface to bind and advertise
     * @param port        the member port (no auto-increment: a taken port fails the start)
     * @param peers       {@code host:port} of the other members (empty in local mode)
     */
    public static HazelcastInstance start(String clusterName, String host, int port, java.util.List<String> peers) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName("mezzo-" + clusterName + "-" + host + "-" + port);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", host);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(host);
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        network.getJoin().getTcpIpConfig().setEnabled(true).addMember(host + ":" + port);
        peers.forEach(p -> network.getJoin().getTcpIpConfig().addMember(p));
        config.addMapConfig(new MapConfig("mezzo*").setBackupCount(1).setAsyncBackupCount(0));
        return Hazelcast.newHazelcastInstance(config);
    }
}
