package io.mezzo.internal.cluster;

import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until every partition has an owner among the current members: after a member left,
 * the partitions it owned have none until Hazelcast's master has repaired the partition table
 * (promoted their backups), 0.3–0.4 s after the member was suspected.
 *
 * <p>Why a new leader waits for that before it writes its epoch: a write made earlier can go
 * to an owner that has not yet removed the dead member, which then sends the write's backup to
 * the dead member, and the writer waits for an acknowledgement that never comes until
 * Hazelcast gives up on it ({@code HazelcastMember.BACKUP_ACK_MILLIS}, checked periodically):
 * the claim came 1.2–1.8 s after the suspicion in about one failover in ten. The repair comes
 * after every member has been told of the removal, and the new leader's state read waits for
 * it anyway, so waiting here costs a failover nothing.
 */
final class PartitionOwners {
    /** How often the partition table is looked at while waiting. */
    static final Duration PAUSE = Duration.ofMillis(5);

    private PartitionOwners() {
    }

    /** Whether every partition has an owner that is a member now (this member's view). */
    static boolean allOwned(PartitionService partitions) {
        for (Partition partition : partitions.getPartitions()) {
            if (partition.getOwner() == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns once {@link #allOwned} holds, or after {@code checks} looks {@link #PAUSE} apart
     * (a bounded loop: the caller goes on either way, as it did before this wait existed).
     *
     * @return whether every partition had an owner
     */
    static boolean await(PartitionService partitions, int checks) {
        for (int i = 0; i < checks; i++) {
            if (allOwned(partitions)) {
                return true;
            }
            LockSupport.parkNanos(PAUSE.toNanos());
        }
        return allOwned(partitions);
    }
}
