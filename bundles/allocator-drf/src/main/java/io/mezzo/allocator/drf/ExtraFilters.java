package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

/**
 * The second and later filters of a handle on one agent and role (a framework that declined
 * here again before its first filter expired): sorted by handle in parallel arrays. Rare, so
 * kept simple; the first filter of each handle lives in the {@link FilterSlab}.
 */
final class ExtraFilters {
    private int[] handles = new int[0];
    private long[] until = new long[0];
    private int[] refused = new int[0];
    private int size;

    void add(int handle, long expiry, int refusedIndex) {
        if (size == handles.length) {
            int n = size * 2 + 2;
            handles = Arrays.copyOf(handles, n);
            until = Arrays.copyOf(until, n);
            refused = Arrays.copyOf(refused, n);
        }
        int at = start(handle + 1);
        System.arraycopy(handles, at, handles, at + 1, size - at);
        System.arraycopy(until, at, until, at + 1, size - at);
        System.arraycopy(refused, at, refused, at + 1, size - at);
        handles[at] = handle;
        until[at] = expiry;
        refused[at] = refusedIndex;
        size++;
    }

    /** Drops the handle's extra filters; returns how many there were. */
    int remove(int handle) {
        int from = start(handle);
        int to = start(handle + 1);
        cut(from, to);
        return to - from;
    }

    /** Drops expired ones, telling {@code changed} each handle that lost some; returns how many went. */
    int expire(long now, IntConsumer changed) {
        int write = 0;
        int dropped = 0;
        for (int i = 0; i < size; i++) {
            if (now < until[i]) {
                handles[write] = handles[i];
                until[write] = until[i];
                refused[write] = refused[i];
                write++;
            } else {
                dropped++;
                changed.accept(handles[i]);
            }
        }
        size = write;
        return dropped;
    }

    long earliest() {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            earliest = Math.min(earliest, until[i]);
        }
        return earliest;
    }

    /** Moves the handle's first extra filter into its slab slot; false when it has none. */
    boolean promote(int handle, int block, int slot, FilterSlab slab) {
        int at = start(handle);
        if (at == size || handles[at] != handle) {
            return false;
        }
        slab.set(block, slot, until[at], refused[at]);
        cut(at, at + 1);
        return true;
    }

    boolean anyContains(int handle, Resources offer, Resources[] distinct) {
        for (int i = start(handle); i < size && handles[i] == handle; i++) {
            if (ResourceMath.contains(distinct[refused[i]], offer)) {
                return true;
            }
        }
        return false;
    }

    void renumber(IntUnaryOperator renumber) {
        for (int i = 0; i < size; i++) {
            refused[i] = renumber.applyAsInt(refused[i]);
        }
    }

    private void cut(int from, int to) {
        System.arraycopy(handles, to, handles, from, size - to);
        System.arraycopy(until, to, until, from, size - to);
        System.arraycopy(refused, to, refused, from, size - to);
        size -= to - from;
    }

    /** First index whose handle is at least {@code handle}. */
    private int start(int handle) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (handles[mid] < handle) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
