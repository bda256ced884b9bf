package io.mezzo.allocator.drf;

import java.util.Arrays;

/**
 * Storage for refuse filters: blocks of 64 slots (one per framework handle of a 64-handle
 * word), each slot an expiry and an index of refused resources, carved out of a few large
 * primitive arrays.
 *
 * <p>Why: a cluster where every framework declined every agent holds one filter per
 * (agent, framework) pair, ten million at 10,000 agents and 1,000 frameworks, created a few
 * thousand at a time. Kept in small per-agent arrays that grow, they are copied by every young
 * garbage collection until they are old, and those pauses land in allocation cycles. Chunks of
 * a megabyte or more are allocated straight into the old generation by the usual collectors
 * and hold no references, so a collection neither copies nor scans them.
 */
final class FilterSlab {
    static final int SLOTS = 64;
    private static final int BLOCKS_PER_CHUNK = 4096;
    private static final int CHUNK = SLOTS * BLOCKS_PER_CHUNK;

    private long[][] until = new long[0][];
    private int[][] refused = new int[0][];
    private int blocks;
    private int[] released = new int[16];
    private int releasedCount;

    /** A block of 64 slots, never 0 (0 means "no block" in callers' arrays). */
    int allocate() {
        if (releasedCount > 0) {
            return released[--releasedCount];
        }
        int block = blocks++;
        if (block / BLOCKS_PER_CHUNK >= until.length) {
            until = Arrays.copyOf(until, until.length + 1);
            refused = Arrays.copyOf(refused, refused.length + 1);
            until[until.length - 1] = new long[CHUNK];
            refused[refused.length - 1] = new int[CHUNK];
        }
        return block + 1;
    }

    void release(int block) {
        if (releasedCount == released.length) {
            released = Arrays.copyOf(released, releasedCount * 2);
        }
        released[releasedCount++] = block;
    }

    long until(int block, int slot) {
        int at = (block - 1) * SLOTS + slot;
        return until[at / CHUNK][at % CHUNK];
    }

    int refused(int block, int slot) {
        int at = (block - 1) * SLOTS + slot;
        return refused[at / CHUNK][at % CHUNK];
    }

    void set(int block, int slot, long expiry, int refusedIndex) {
        int at = (block - 1) * SLOTS + slot;
        until[at / CHUNK][at % CHUNK] = expiry;
        refused[at / CHUNK][at % CHUNK] = refusedIndex;
    }
}
