package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

/**
 * The refuse filters the frameworks of one role hold on one agent, keyed by each framework's
 * handle in the role's sorter.
 *
 * <p>A filter hides an offer when the offer lies within what was refused (Mesos's rule), until
 * it expires. Because a cycle asks this for every framework of the role along the sorted order,
 * and a cluster where every framework declined every agent holds millions of filters, the
 * answers are kept in three bit sets over handles:
 * <ul>
 *   <li>{@code has}: the handle holds at least one filter here;</li>
 *   <li>{@code known}: whether its filters cover the candidate is known;</li>
 *   <li>{@code covered}: they do, for {@link #coverFor}, the role's candidate (everything on
 *       the agent the role may use) when the bits were computed.</li>
 * </ul>
 * The cover bits stay valid while the candidate's content is the same, even across cycles in
 * which the agent was offered and given back in between; a new candidate clears them. A filter
 * added is judged at once against the last candidate (one check per decline), and dropping a
 * handle's filters clears that handle's bits. An offer cut down by quota lies
 * within the candidate, so a covered candidate hides every such offer; otherwise the cut offer
 * is checked exactly. {@link #hidesAll} answers for all eligible handles a word at a time,
 * which is what lets a cycle skip an agent every framework has declined.
 *
 * <p>A handle's first filter lives in a {@link FilterSlab} block (one per 64-handle word);
 * further ones, rare, in small sorted arrays here. Refused resources are numbered in a table
 * of distinct values, and equal ones share a number, since frameworks usually decline exactly
 * what they were offered.
 */
final class RoleFilters {
    private static final long[] NO_BITS = new long[0];

    private final FilterSlab slab;
    private long[] has = NO_BITS;
    private long[] known = NO_BITS;
    private long[] covered = NO_BITS;
    /** Slab block per word of handles; 0 for none. */
    private int[] blocks = new int[0];
    private int size;
    private final ExtraFilters extras = new ExtraFilters();
    private Resources[] distinct = new Resources[1];
    private int distinctCount;
    private int lastRefused = -1;
    private Resources coverFor;

    RoleFilters(FilterSlab slab) {
        this.slab = slab;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a filter of {@code handle}: {@code what} is hidden until {@code expiry} (exclusive). */
    void add(int handle, Resources what, long expiry) {
        int refused = intern(what);
        grow(handle);
        int w = handle >>> 6;
        if (get(has, handle)) {
            extras.add(handle, expiry, refused);
        } else {
            if (blocks[w] == 0) {
                blocks[w] = slab.allocate();
            }
            slab.set(blocks[w], handle & 63, expiry, refused);
            set(has, handle, true);
        }
        size++;
        // Decided now, a few per recovery, rather than all at once in the cycle where every
        // framework has declined the agent.
        if (coverFor != null) {
            evaluate(handle, coverFor);
        } else {
            set(known, handle, false);
            set(covered, handle, false);
        }
    }

    /** Drops every filter of {@code handle}; true when it had any. */
    boolean remove(int handle) {
        if (!get(has, handle)) {
            return false;
        }
        size -= 1 + extras.remove(handle);
        clearBits(handle);
        releaseBlockIfEmpty(handle >>> 6);
        return true;
    }

    /**
     * Drops the filters expired at {@code now}, telling {@code emptied} each handle left with
     * none; returns the earliest expiry still held ({@link Long#MAX_VALUE} when none).
     */
    long expire(long now, IntConsumer emptied) {
        size -= extras.expire(now, h -> {
            set(known, h, false);
            set(covered, h, false);
        });
        long earliest = extras.earliest();
        for (int w = 0; w < has.length; w++) {
            for (long bits = has[w]; bits != 0; bits &= bits - 1) {
                int slot = Long.numberOfTrailingZeros(bits);
                int handle = w * 64 + slot;
                if (now < slab.until(blocks[w], slot)) {
                    earliest = Math.min(earliest, slab.until(blocks[w], slot));
                } else if (extras.promote(handle, blocks[w], slot, slab)) {
                    size--;
                    set(known, handle, false);
                    set(covered, handle, false);
                } else {
                    size--;
                    clearBits(handle);
                    emptied.accept(handle);
                }
            }
            releaseBlockIfEmpty(w);
        }
        compactDistinct();
        return earliest;
    }

    /** Calls {@code action} once for each handle holding filters here. */
    void forEachHandle(IntConsumer action) {
        for (int w = 0; w < has.length; w++) {
            for (long bits = has[w]; bits != 0; bits &= bits - 1) {
                action.accept(w * 64 + Long.numberOfTrailingZeros(bits));
            }
        }
    }

    /** Drops every filter; gives the slab its blocks back. */
    void clear() {
        for (int w = 0; w < blocks.length; w++) {
            if (blocks[w] != 0) {
                slab.release(blocks[w]);
                blocks[w] = 0;
            }
        }
        Arrays.fill(has, 0);
        size = 0;
    }

    /**
     * Whether a filter of {@code handle} hides {@code offer}, where {@code offer} lies within
     * {@code candidate}, the role's candidate on this agent.
     */
    boolean hides(int handle, Resources candidate, Resources offer) {
        if (!get(has, handle)) {
            return false;
        }
        prepare(candidate);
        if (!get(known, handle)) {
            evaluate(handle, candidate);
        }
        if (get(covered, handle)) {
            return true;
        }
        return offer != candidate && anyContains(handle, offer);
    }

    /** True when filters hide {@code candidate} from every handle set in {@code eligible}. */
    boolean hidesAll(long[] eligible, Resources candidate) {
        // Always, so that filters added later are judged against this candidate when added.
        prepare(candidate);
        for (int w = 0; w < eligible.length; w++) {
            if ((eligible[w] & ~(w < has.length ? has[w] : 0)) != 0) {
                return false;
            }
        }
        for (int w = 0; w < eligible.length; w++) {
            if (eligible[w] == 0) {
                continue;
            }
            for (long unknown = eligible[w] & ~known[w]; unknown != 0; unknown &= unknown - 1) {
                evaluate(w * 64 + Long.numberOfTrailingZeros(unknown), candidate);
            }
            if ((eligible[w] & ~covered[w]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Resets the cover bits when the candidate's content changed since they were computed. */
    private void prepare(Resources candidate) {
        if (candidate == coverFor) {
            return;
        }
        if (coverFor == null || !candidate.equals(coverFor)) {
            Arrays.fill(known, 0);
            Arrays.fill(covered, 0);
        }
        coverFor = candidate;
    }

    private void evaluate(int handle, Resources candidate) {
        set(known, handle, true);
        set(covered, handle, anyContains(handle, candidate));
    }

    private boolean anyContains(int handle, Resources offer) {
        int w = handle >>> 6;
        if (ResourceMath.contains(distinct[slab.refused(blocks[w], handle & 63)], offer)) {
            return true;
        }
        return extras.anyContains(handle, offer, distinct);
    }

    private int intern(Resources what) {
        if (lastRefused >= 0 && (what == distinct[lastRefused] || what.equals(distinct[lastRefused]))) {
            return lastRefused;
        }
        compactDistinct();
        if (distinctCount == distinct.length) {
            distinct = Arrays.copyOf(distinct, distinctCount * 2);
        }
        distinct[distinctCount] = what;
        lastRefused = distinctCount++;
        return lastRefused;
    }

    /** Forgets refused resources no filter uses any more, once they are the majority. */
    private void compactDistinct() {
        if (distinctCount <= 2 * size + 8) {
            return;
        }
        int[] renumber = new int[distinctCount];
        Arrays.fill(renumber, -1);
        Resources[] kept = new Resources[Math.max(1, size + 1)];
        int[] count = {0};
        IntUnaryOperator keep = old -> {
            if (renumber[old] < 0) {
                kept[count[0]] = distinct[old];
                renumber[old] = count[0]++;
            }
            return renumber[old];
        };
        for (int w = 0; w < has.length; w++) {
            for (long bits = has[w]; bits != 0; bits &= bits - 1) {
                int slot = Long.numberOfTrailingZeros(bits);
                slab.set(blocks[w], slot, slab.until(blocks[w], slot), keep.applyAsInt(slab.refused(blocks[w], slot)));
            }
        }
        extras.renumber(keep);
        lastRefused = -1;
        distinct = kept;
        distinctCount = count[0];
    }

    private void releaseBlockIfEmpty(int w) {
        if (w < blocks.length && has[w] == 0 && blocks[w] != 0) {
            slab.release(blocks[w]);
            blocks[w] = 0;
        }
    }

    private void clearBits(int handle) {
        set(has, handle, false);
        set(known, handle, false);
        set(covered, handle, false);
    }

    private void grow(int handle) {
        int words = (handle >>> 6) + 1;
        if (has.length < words) {
            int n = Math.max(words, has.length * 2);
            has = Arrays.copyOf(has, n);
            known = Arrays.copyOf(known, n);
            covered = Arrays.copyOf(covered, n);
            blocks = Arrays.copyOf(blocks, n);
        }
    }

    private static boolean get(long[] bits, int bit) {
        int w = bit >>> 6;
        return w < bits.length && (bits[w] & (1L << bit)) != 0;
    }

    private static void set(long[] bits, int bit, boolean value) {
        int w = bit >>> 6;
        if (w >= bits.length) {
            return;
        }
        if (value) {
            bits[w] |= 1L << bit;
        } else {
            bits[w] &= ~(1L << bit);
        }
    }
}
