package io.mezzo.allocator.drf;

import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Dominant Resource Fairness order over named clients (frameworks today; roles too once
 * allocation is hierarchical).
 *
 * <p>A client's dominant share is the largest, over the scalar resource names in the pool,
 * of what the client holds divided by the pool's total, divided by the client's weight.
 * Names the pool has none of do not count. {@link #sort()} lists the active clients from the
 * lowest share up; equal shares are ordered by name.
 *
 * <p>Costs, because the allocator consults this once per agent: shares are cached; a change
 * to one client's allocation re-positions only that client (O(log n)); a change to the pool
 * invalidates every share, and they are recomputed once, at the next {@link #sort()}.
 * {@code sort()} returns the same list until something changes.
 *
 * <p>Pure and single-threaded: the allocator owns it and calls it from its one thread.
 */
final class DrfSorter {
    private static final Comparator<Client> BY_SHARE_THEN_NAME =
            Comparator.comparingDouble((Client c) -> c.share).thenComparing(c -> c.name);

    private final Map<String, Long> pool = new HashMap<>();
    private final Map<String, Client> clients = new HashMap<>();
    /** Active clients, consistent with each client's stored {@code share} at all times. */
    private final TreeSet<Client> order = new TreeSet<>(BY_SHARE_THEN_NAME);
    private boolean sharesStale;
    private List<String> sorted;

    /** Adds an active client with weight 1 and nothing allocated; no-op when present. */
    void add(String client) {
        if (clients.containsKey(client)) {
            return;
        }
        Client c = new Client(client);
        clients.put(client, c);
        order.add(c);
        sorted = null;
    }

    /** Forgets the client and its allocation. */
    void remove(String client) {
        Client c = clients.remove(client);
        if (c != null && c.active) {
            order.remove(c);
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
            order.add(c);
            sorted = null;
        }
    }

    /** Leaves the client out of {@link #sort()}; its allocation still counts. */
    void deactivate(String client) {
        Client c = client(client);
        if (c.active) {
            order.remove(c);
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
            order.clear();
            for (Client c : clients.values()) {
                if (c.active) {
                    c.share = computeShare(c);
                    order.add(c);
                }
            }
            sharesStale = false;
            sorted = null;
        }
        if (sorted == null) {
            List<String> names = new ArrayList<>(order.size());
            for (Client c : order) {
                names.add(c.name);
            }
            sorted = List.copyOf(names);
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
        boolean inOrder = c.active && order.remove(c);
        change.run();
        if (inOrder) {
            c.share = computeShare(c);
            order.add(c);
        }
        sorted = null;
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
