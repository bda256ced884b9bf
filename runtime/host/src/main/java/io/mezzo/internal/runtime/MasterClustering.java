package io.mezzo.internal.runtime;

import io.mezzo.internal.cluster.ClusterSettings;
import io.mezzo.internal.master.MasterConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The master's cluster flags as given, before its HTTP port is known.
 *
 * @param clusterPort {@code --cluster-port}; empty: the HTTP port + 1000
 * @param masters     {@code --masters}: every master's HTTP address; empty: a cluster of one
 * @param quorum      {@code --quorum}; empty: a majority of {@code masters}
 * @param members     {@code --cluster-members}: explicit member addresses
 * @param multicast   {@code --multicast}: find members by multicast instead of TCP-IP
 * @param mirrorDir   where replicated state is mirrored on disk ({@code <work-dir>/replicated})
 * @param rehearse    {@code --rehearsal}: a standby rehearses leading once after it starts ({@link Rehearsal})
 */
public record MasterClustering(String clusterName, Optional<Integer> clusterPort, List<String> masters,
                               Optional<Integer> quorum, List<String> members, boolean multicast,
                               Optional<Path> mirrorDir, boolean rehearse) {
    public MasterClustering {
        masters = List.copyOf(masters);
        members = List.copyOf(members);
    }

    /** A cluster of one on {@code clusterPort}. */
    public static MasterClustering alone(String clusterName, int clusterPort) {
        return new MasterClustering(clusterName, Optional.of(clusterPort), List.of(), Optional.empty(), List.of(),
                false, Optional.empty(), false);
    }

    int clusterPort(MasterConfig bound) {
        return clusterPort.orElse(bound.port() + ClusterSettings.CLUSTER_PORT_OFFSET);
    }

    /** Fails, naming the flag, when this master's own address is not among {@code --masters}. */
    ClusterSettings settings(MasterConfig bound) {
        String self = bound.hostname() + ":" + bound.port();
        List<String> all = masters;
        if (masters.isEmpty()) {
            all = List.of(self);
        } else {
            self = ClusterSettings.find(masters, bound.port(), bound.hostname(), bound.ip()).orElseThrow(() ->
                    new IllegalArgumentException("--masters " + String.join(",", masters) + " does not include this"
                            + " master (" + bound.hostname() + ":" + bound.port() + ")"));
        }
        return new ClusterSettings(clusterName, bound.ip(), clusterPort(bound), self, all,
                quorum.orElse(ClusterSettings.majority(all.size())), members, multicast);
    }
}
