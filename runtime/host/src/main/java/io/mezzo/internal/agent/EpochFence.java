package io.mezzo.internal.agent;

import java.util.OptionalLong;

/**
 * {@link MasterLink}'s leadership-epoch bookkeeping: the highest epoch heard from any master,
 * which never goes down, and the epoch of the current stream. It only remembers and compares;
 * what to do about a master of an old term stays with the link. Confined to the agent's actor,
 * like the link.
 */
final class EpochFence {
    /** A stream's epoch until its header or REGISTERED tells. */
    private static final long UNKNOWN = -1;

    private long highest;
    private long stream = UNKNOWN;

    long highest() {
        return highest;
    }

    long stream() {
        return stream;
    }

    /** True, remembering {@code epoch}, unless a newer epoch was seen already. */
    boolean admits(long epoch) {
        if (epoch >= highest) {
            highest = epoch;
            return true;
        }
        return false;
    }

    boolean olderThanSeen(long epoch) {
        return epoch < highest;
    }

    /** An epoch was given, and it is older than one seen. */
    boolean olderThanSeen(OptionalLong epoch) {
        return epoch.isPresent() && epoch.getAsLong() < highest;
    }

    /** Takes note of {@code epoch} without judging anyone by it. */
    void heard(long epoch) {
        highest = Math.max(highest, epoch);
    }

    void streamIs(long epoch) {
        stream = epoch;
    }

    void streamEnded() {
        stream = UNKNOWN;
    }

    /** The current stream is of a term older than one heard of since. */
    boolean streamIsStale() {
        return stream < highest;
    }

    String describeStream() {
        return stream == UNKNOWN ? "not known yet" : String.valueOf(stream);
    }
}
