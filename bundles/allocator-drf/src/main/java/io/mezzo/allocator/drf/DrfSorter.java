package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;
import java.util.Arrays;
import java.util.Set;

/**
 * Weighted Dominant Resource Fairness, as Mesos's DRF sorter: active clients from the lowest
 * weighted dominant share up (see {@link Sorter#share}); equal shares by name.
 *
 * <p>Costs, because the allocator asks for an order once per agent and role: the active
 * clients are kept sorted by the share they were last placed with. A change to one client's
 * allocation moves only that client (two binary searches and array copies); a change to the
 * cluster total makes every share stale, and they are recomputed and sorted once, at the next
 * {@link #sort()}. {@code sort()} hands out the order itself, not a copy.
 */
final class DrfSorter implements Sorter {
    private final ClientTable clients;
    /**
     * Active handles in {@code order[0..size)}, sorted by (placedShare, name) unless
     * {@link #stale}. Moving one client keeps it in place, so {@link #sort()} hands out this
     * very array without copying it (trimmed first when clients were added).
     */
    private int[] order = new int[0];
    private int size;
    /** By handle: the share the client is placed in {@link #order} with. */
    private double[] placedShare = new double[8];
    private boolean stale;

    DrfSorter() {
        this(Set.of());
    }

    /** Resources named in {@code fairnessExcluded} do not count toward shares (Mesos's --fair_sharing_excluded_resource_names). */
    DrfSorter(Set<String> fairnessExcluded) {
        this.clients = new ClientTable(fairnessExcluded);
    }

    @Override
    public int add(String name) {
        int h = clients.add(name);
        if (h >= placedShare.length) {
            placedShare = Arrays.copyOf(placedShare, Math.max(h + 1, placedShare.length * 2));
        }
        list(h);
        return h;
    }

    @Override
    public void remove(int client) {
        if (clients.isActive(client)) {
            unlist(client);
        }
        clients.remove(client);
    }

    @Override
    public String name(int client) {
        return clients.name(client);
    }

    @Override
    public void activate(int client) {
        if (!clients.isActive(client)) {
            clients.setActive(client, true);
            list(client);
        }
    }

    @Override
    public void deactivate(int client) {
        if (clients.isActive(client)) {
            unlist(client);
            clients.setActive(client, false);
        }
    }

    @Override
    public boolean isActive(int client) {
        return clients.isActive(client);
    }

    @Override
    public void updateWeight(int client, double weight) {
        ClientTable.checkWeight(clients.name(client), weight);
        reposition(client, () -> clients.setWeight(client, weight));
    }

    @Override
    public void allocated(int client, Resources resources) {
        change(client, resources, 1);
    }

    @Override
    public void unallocated(int client, Resources resources) {
        change(client, resources, -1);
    }

    @Override
    public void addTotal(Resources resources) {
        clients.total(resources, 1);
        poolChanged();
    }

    @Override
    public void removeTotal(Resources resources) {
        clients.total(resources, -1);
        poolChanged();
    }

    @Override
    public double share(int client) {
        return clients.share(client);
    }

    @Override
    public int[] sort() {
        if (stale) {
            resort();
        }
        if (order.length != size) {
            order = Arrays.copyOf(order, size);
        }
        return order;
    }

    private void change(int client, Resources resources, int sign) {
        reposition(client, () -> clients.allocated(client, resources, sign));
    }

    /** Applies a change to a client's share; a listed client moves to its new place. */
    private void reposition(int client, Runnable update) {
        // While stale, membership is all the order keeps: the next sort() places everyone.
        boolean move = clients.isActive(client) && !stale;
        if (move) {
            unlist(client);
        }
        update.run();
        if (move) {
            list(client);
        }
    }

    private void poolChanged() {
        stale = true;
    }

    /** Inserts an active client at its place (or at the end while the order is stale). */
    private void list(int h) {
        if (size == order.length) {
            order = Arrays.copyOf(order, Math.max(8, size * 2));
        }
        if (stale) {
            order[size++] = h;
            return;
        }
        placedShare[h] = clients.share(h);
        int at = search(h);
        at = at < 0 ? -at - 1 : at;
        System.arraycopy(order, at, order, at + 1, size - at);
        order[at] = h;
        size++;
    }

    private void unlist(int h) {
        int at = stale ? linearFind(h) : search(h);
        if (at < 0) {
            throw new IllegalStateException("active sorter client " + clients.name(h) + " is not in the order");
        }
        System.arraycopy(order, at + 1, order, at, size - at - 1);
        size--;
    }

    /** Binary search by (placedShare, name); the usual negative insertion point when absent. */
    private int search(int h) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(order[mid], h);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private int compare(int a, int b) {
        int byShare = Double.compare(placedShare[a], placedShare[b]);
        return byShare != 0 ? byShare : clients.name(a).compareTo(clients.name(b));
    }

    private int linearFind(int h) {
        for (int i = 0; i < size; i++) {
            if (order[i] == h) {
                return i;
            }
        }
        return -1;
    }

    private void resort() {
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = order[i];
            placedShare[order[i]] = clients.share(order[i]);
        }
        Arrays.sort(boxed, this::compare);
        for (int i = 0; i < size; i++) {
            order[i] = boxed[i];
        }
        stale = false;
    }
}
