package io.mezzo.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Hazelcast members on 127.0.0.1. */
class PartitionOwnersTest {
    private final TestMembers members = new TestMembers();

    @AfterEach
    void stop() {
        members.close();
    }

    private HazelcastInstance member(String cluster, List<String> peers) throws Exception {
        return members.start(cluster, peers);
    }

    @Test
    void afterTheOldestMemberDiesItReturnsOnceItsPartitionsHaveNewOwners() throws Exception {
        String cluster = "mezzo-owners-test-" + ProcessHandle.current().pid();
        HazelcastInstance first = member(cluster, List.of());
        String address = TestMembers.address(first);
        HazelcastInstance second = member(cluster, List.of(address));
        HazelcastInstance third = member(cluster, List.of(address));
        for (int i = 0; i < 100; i++) {
            second.getMap("owners-test").put("k" + i, "v"); // every partition gets an owner
        }
        assertThat(PartitionOwners.allOwned(second.getPartitionService())).isTrue();
        CountDownLatch removed = new CountDownLatch(1);
        second.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                removed.countDown();
            }
        });

        first.getLifecycleService().terminate();
        assertThat(removed.await(30, TimeUnit.SECONDS)).as("the dead member removed").isTrue();

        // Right after the removal the dead member's partitions have no owner until the repair.
        assertThat(PartitionOwners.await(second.getPartitionService(), 2000)).isTrue();
        assertThat(PartitionOwners.allOwned(second.getPartitionService())).isTrue();
        assertThat(second.getMap("owners-test").size()).isEqualTo(100);
    }
}
