package io.mezzo.internal.model;

/**
 * Who the master is ({@code MasterInfo}).
 *
 * @param ip the IPv4 address as text ({@code 127.0.0.1}); the wire's uint32 form is derived
 */
public record MasterInfo(String id, String ip, int port, String hostname, String version) {
    public MasterInfo {
        if (id == null || ip == null || hostname == null || version == null) {
            throw new IllegalArgumentException("master info is missing a field");
        }
    }

    /** libprocess-style pid, {@code master@ip:port}; some clients parse it. */
    public String pid() {
        return "master@" + ip + ":" + port;
    }
}
