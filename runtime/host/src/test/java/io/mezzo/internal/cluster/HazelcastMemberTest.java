package io.mezzo.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The masters' Hazelcast members, started as {@code mezzo master} starts them, on 127.0.0.1. */
class HazelcastMemberTest {
    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void replicatedStateIsSpreadOverFewerPartitionsThanHazelcastsDefault() throws Exception {
        HazelcastInstance member = HazelcastMember.start("partitions-test-" + UUID.randomUUID(), "127.0.0.1",
                freePort(), List.of());
        members.add(member);
        assertThat(member.getPartitionService().getPartitions()).hasSize(HazelcastMember.PARTITIONS).hasSize(71);
    }

    /** {@code --multicast}: masters find each other without a member list (TCP-IP joining is off then). */
    @Test
    void twoMastersFindEachOtherByMulticast() throws Exception {
        String name = "multicast-test-" + UUID.randomUUID();
        int httpA = freePort();
        int httpB = freePort();
        List<String> masters = List.of("127.0.0.1:" + httpA, "127.0.0.1:" + httpB);
        members.add(HazelcastMember.start(new ClusterSettings(name, "127.0.0.1", freePort(), masters.get(0), masters, 2,
                List.of(), true)));
        members.add(HazelcastMember.start(new ClusterSettings(name, "127.0.0.1", freePort(), masters.get(1), masters, 2,
                List.of(), true)));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && members.get(0).getCluster().getMembers().size() < 2) {
            Thread.sleep(50);
        }
        assertThat(members.get(0).getCluster().getMembers()).hasSize(2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
