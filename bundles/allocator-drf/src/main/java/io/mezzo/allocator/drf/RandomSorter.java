package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;
import java.util.Arrays;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Weighted random order, as Mesos's random sorter ({@code --role_sorter=random}): every
 * {@link #sort()} is a fresh shuffle in which, at each position, each remaining active client is
 * picked with probability proportional to its weight. What clients hold does not matter to
 * the order (it is tracked only to report {@link #share}).
 *
 * <p>The shuffle draws one exponential key per client, divided by its weight, and sorts by it
 * (Efraimidis and Spirakis): the client with the smallest key comes first with probability
 * weight / total weight, and so on for the rest. The generator is given, so a seed makes the
 * order reproducible.
 */
final class RandomSorter implements Sorter {
    private final ClientTable clients;
    private final RandomGenerator random;

    RandomSorter(RandomGenerator random) {
        this(random, Set.of());
    }

    RandomSorter(RandomGenerator random, Set<String> fairnessExcluded) {
        this.random = random;
        this.clients = new ClientTable(fairnessExcluded);
    }

    @Override
    public int add(String name) {
        return clients.add(name);
    }

    @Override
    public void remove(int client) {
        clients.remove(client);
    }

    @Override
    public String name(int client) {
        return clients.name(client);
    }

    @Override
    public void activate(int client) {
        clients.setActive(client, true);
    }

    @Override
    public void deactivate(int client) {
        clients.setActive(client, false);
    }

    @Override
    public boolean isActive(int client) {
        return clients.isActive(client);
    }

    @Override
    public void updateWeight(int client, double weight) {
        clients.setWeight(client, weight);
    }

    @Override
    public void allocated(int client, Resources resources) {
        clients.allocated(client, resources, 1);
    }

    @Override
    public void unallocated(int client, Resources resources) {
        clients.allocated(client, resources, -1);
    }

    @Override
    public void addTotal(Resources resources) {
        clients.total(resources, 1);
    }

    @Override
    public void removeTotal(Resources resources) {
        clients.total(resources, -1);
    }

    @Override
    public double share(int client) {
        return clients.share(client);
    }

    @Override
    public int[] sort() {
        int n = 0;
        int[] active = new int[clients.highWater()];
        for (int h = 0; h < active.length; h++) {
            if (clients.exists(h) && clients.isActive(h)) {
                active[n++] = h;
            }
        }
        double[] keys = new double[clients.highWater()];
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            int h = active[i];
            // -ln(U) is exponential with rate 1; dividing by the weight makes it rate `weight`.
            keys[h] = -Math.log(1.0 - random.nextDouble()) / clients.weight(h);
            boxed[i] = h;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(keys[a], keys[b]));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = boxed[i];
        }
        return out;
    }
}
