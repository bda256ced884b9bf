package io.mezzo.internal.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Real Hazelcast members on 127.0.0.1, each on a free port, shut down together. */
final class TestMembers implements AutoCloseable {
    private final List<HazelcastInstance> members = new ArrayList<>();

    /** A member of {@code cluster} joining {@code peers} ("127.0.0.1:port"). */
    HazelcastInstance start(String cluster, List<String> peers) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HazelcastInstance member = HazelcastMember.start(cluster, "127.0.0.1", port, peers);
        members.add(member);
        return member;
    }

    /** Where {@code member} is joined. */
    static String address(HazelcastInstance member) {
        return "127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort();
    }

    /** Shuts down every member still running. */
    @Override
    public void close() {
        members.stream().filter(m -> m.getLifecycleService().isRunning()).forEach(HazelcastInstance::shutdown);
    }
}
