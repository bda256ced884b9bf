package io.mezzo.internal.cluster;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * How a master finds the other masters and when it may lead.
 *
 * @param clusterName only members with this name join
 * @param ip          the interface the member binds and advertises
 * @param clusterPort this member's port
 * @param self        this master's HTTP address ({@code host:port}) as it appears in {@code masters}
 * @param masters     every master's HTTP address, this one's included; one entry for a lone master
 * @param quorum      how many of {@code masters} a leader must see, itself included
 * @param members     explicit member addresses ({@code host:clusterPort}); empty: each master's
 *                    HTTP port + 1000
 * @param multicast   discover members by multicast instead of TCP-IP
 */
public record ClusterSettings(String clusterName, String ip, int clusterPort, String self, List<String> masters,
                              int quorum, List<String> members, boolean multicast) {
    /** Members find members this much above the HTTP port unless told otherwise. */
    public static final int CLUSTER_PORT_OFFSET = 1000;

    public ClusterSettings {
        masters = List.copyOf(new LinkedHashSet<>(masters));
        members = List.copyOf(members);
        masters.forEach(m -> port(m, "--masters"));
        members.forEach(m -> port(m, "--cluster-members"));
        if (!masters.contains(self)) {
            throw new IllegalArgumentException("--masters " + String.join(",", masters) + " must include this master's"
                    + " own address " + self);
        }
        if (quorum < 1 || quorum > masters.size()) {
            throw new IllegalArgumentException("--quorum " + quorum + " must be between 1 and the number of --masters ("
                    + masters.size() + ")");
        }
        if (clusterPort < 1 || clusterPort > 65535) {
            throw new IllegalArgumentException("cluster port " + clusterPort + " is out of range; set --cluster-port");
        }
    }

    /** A master on its own: it leads as soon as it starts. */
    public static ClusterSettings alone(String clusterName, String ip, int clusterPort, String self) {
        return new ClusterSettings(clusterName, ip, clusterPort, self, List.of(self), 1, List.of(), false);
    }

    /** More than half of {@code masters}: two of three, three of five. */
    public static int majority(int masters) {
        return masters / 2 + 1;
    }

    /** The member addresses to join: the explicit ones, else each master's HTTP port + 1000. */
    public List<String> peers() {
        if (!members.isEmpty()) {
            return members;
        }
        return masters.stream().map(m -> host(m) + ":" + (port(m, "--masters") + CLUSTER_PORT_OFFSET)).toList();
    }

    /** The master's address among {@code masters} that is {@code host:port}, if any. */
    public static Optional<String> find(List<String> masters, int port, String... hosts) {
        for (String m : masters) {
            for (String h : hosts) {
                if (m.equals(h + ":" + port)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    static String host(String address) {
        return address.substring(0, address.lastIndexOf(':'));
    }

    static int port(String address, String flag) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(flag + ": '" + address + "' is not host:port");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": '" + address + "' has no valid port");
        }
    }
}
