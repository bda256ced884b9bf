package io.mezzo.allocator.drf;

import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Dominant Resource Fairness order over named clients (frameworks today; roles too once
 * allocation is hierarchical).
 *
 * <p>A client's dominant share is the largest, over the scalar resource names in the pool,
 * of what the client holds divided by the pool's total, divided by the client's weight.
 * Names the pool has none of do not count. {@link #sort()} lists the active clients from the
 * lowest share up; equal shares are ordered by name.
 *
 * <p>Costs, because the allocator consults this once per agent: shares are cached; the
 * active clients are kept in a sorted array, and a change to one client's allocation moves
 * only that client (a binary search and an array copy, no re-sort); a change to the pool
 * invalidates every share, and they are recomputed once, at the next {@link #sort()}.
 * {@code sort()} returns the same list until something changes; a new one is an array copy,
 * not a walk over every client, since the allocator usually reads only its first entries.
 *
 * <p>Pure and single-threaded: the allocator owns it and calls it from its one thread.
 */
final class DrfSorter {
    private static final Comparator<Client> BY_SHARE_THEN_NAME = (a, b) -> {
        int byShare = Double.compare(a.share, b.share);
        return byShare != 0 ? byShare : a.name.compareTo(b.name);
    };

    private final Map<String, Long> pool = new HashMap<>();
    private final Map<String, Client> clients = new HashMap<>();
    /** Active clients, sorted by their stored {@code share} (then name) at all times. */
    private final List<Client> order = new ArrayList<>();
    private boolean sharesStale;
    private Snapshot sorted;

    /** Adds an active client with weight 1 and nothing allocated; no-op when present. */
    void add(String client) {
        if (clients.containsKey(client)) {
            return;
        }
        Client c = new Client(client);
        clients.put(client, c);
        insert(c);
        sorted = null;
    }

    /** Forgets the client and its allocation. */
    void remove(String client) {
        Client c = clients.remove(client);
        if (c != null && c.active) {
            unlist(c);
            sorted = null;
        }
    }

    boolean contains(String client) {
        return clients.containsKey(client);
    }

    /** Includes the client in {@link #sort()} again. */
    void activate(String client) {
        Client c = client(client);
        if (!c.active) {
            c.active = true;
            c.share = computeShare(c);
            insert(c);
            sorted = null;
        }
    }

    /** Leaves the client out of {@link #sort()}; its allocation still counts. */
    void deactivate(String client) {
        Client c = client(client);
        if (c.active) {
            unlist(c);
            c.active = false;
            sorted = null;
        }
    }

    /** Shares are divided by the weight; a weight of 2 lets a client hold twice as much. */
    void updateWeight(String client, double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of '" + client + "' must be positive and finite, not " + weight);
        }
        Client c = client(client);
        reposition(c, () -> c.weight = weight);
    }

    void allocated(String client, Resources resources) {
        Client c = client(client);
        reposition(c, () -> addScalars(c.allocation, resources, 1));
    }

    /** Takes resources back from the client; amounts never go below zero. */
    void unallocated(String client, Resources resources) {
        Client c = client(client);
        reposition(c, () -> addScalars(c.allocation, resources, -1));
    }

    /** Grows the pool shares are measured against (an agent joined). */
    void addTotal(Resources resources) {
        addScalars(pool, resources, 1);
        poolChanged();
    }

    /** Shrinks the pool (an agent left); amounts never go below zero. */
    void removeTotal(Resources resources) {
        addScalars(pool, resources, -1);
        poolChanged();
    }

    /** The client's current weighted dominant share. */
    double share(String client) {
        Client c = client(client);
        return sharesStale || !c.active ? computeShare(c) : c.share;
    }

    /** Active clients, lowest dominant share first, equal shares by name. Do not modify. */
    List<String> sort() {
        if (sharesStale) {
            for (Client c : order) {
                c.share = computeShare(c);
            }
            order.sort(BY_SHARE_THEN_NAME);
            sharesStale = false;
            sorted = null;
        }
        if (sorted == null) {
            sorted = new Snapshot(order.toArray(new Client[0]));
        }
        return sorted;
    }

    private Client client(String name) {
        Client c = clients.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown sorter client '" + name + "'");
        }
        return c;
    }

    /** Applies a change to a client's share inputs, keeping {@link #order} consistent. */
    private void reposition(Client c, Runnable change) {
        boolean listed = c.active && unlist(c);
        change.run();
        if (listed) {
            c.share = computeShare(c);
            insert(c);
        }
        sorted = null;
    }

    private void insert(Client c) {
        int at = Collections.binarySearch(order, c, BY_SHARE_THEN_NAME);
        order.add(at < 0 ? -at - 1 : at, c);
    }

    private boolean unlist(Client c) {
        int at = Collections.binarySearch(order, c, BY_SHARE_THEN_NAME);
        if (at < 0) {
            return false;
        }
        order.remove(at);
        return true;
    }

    private void poolChanged() {
        sharesStale = true;
        sorted = null;
    }

    private double computeShare(Client c) {
        double dominant = 0;
        for (Map.Entry<String, Long> held : c.allocation.entrySet()) {
            long total = pool.getOrDefault(held.getKey(), 0L);
            if (total > 0) {
                dominant = Math.max(dominant, (double) held.getValue() / total);
            }
        }
        return dominant / c.weight;
    }

    /** Adds (sign 1) or subtracts (sign -1) the scalars of {@code resources}, in thousandths, clamping at zero. */
    private static void addScalars(Map<String, Long> into, Resources resources, int sign) {
        for (Resource r : resources) {
            if (r.value() instanceof Scalar s) {
                long next = into.getOrDefault(r.name(), 0L) + sign * s.millis();
                if (next > 0) {
                    into.put(r.name(), next);
                } else {
                    into.remove(r.name());
                }
            }
        }
    }

    /** An immutable view of the order at one moment; names are read only when asked for. */
    private static final class Snapshot extends AbstractList<String> implements RandomAccess {
        private final Client[] clients;

        Snapshot(Client[] clients) {
            this.clients = clients;
        }

        @Override
        public String get(int index) {
            return clients[index].name;
        }

        @Override
        public int size() {
            return clients.length;
        }
    }

    private static final class Client {
        final String name;
        final Map<String, Long> allocation = new HashMap<>();
        double weight = 1.0;
        double share;
        boolean active = true;

        Client(String name) {
            this.name = name;
        }
    }
}
