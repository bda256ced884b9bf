package io.mezzo.allocator.drf;

import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What every {@link Sorter} keeps whatever its policy: clients by handle (name, weight,
 * activity, scalar allocation) and the cluster total, with the dominant share computed from
 * them. Scalars are thousandths ({@link Scalar#millis()}) in arrays indexed by resource name,
 * so a share is a loop over a few longs.
 */
final class ClientTable {
    private final Set<String> excluded;
    private final Map<String, Integer> nameIndex = new HashMap<>();
    /** By name index: counts for fairness (not excluded). */
    private boolean[] fair = new boolean[4];
    private long[] total = new long[4];

    private String[] names = new String[8];
    private long[][] allocation = new long[8][];
    private double[] weights = new double[8];
    private boolean[] active = new boolean[8];
    private final Map<String, Integer> handles = new HashMap<>();
    private int[] released = new int[8];
    private int releasedCount;
    private int highWater;

    ClientTable(Set<String> fairnessExcluded) {
        this.excluded = Set.copyOf(fairnessExcluded);
    }

    int add(String name) {
        if (handles.containsKey(name)) {
            throw new IllegalArgumentException("sorter client '" + name + "' already exists");
        }
        int h = releasedCount > 0 ? released[--releasedCount] : highWater++;
        if (h >= names.length) {
            int n = Math.max(h + 1, names.length * 2);
            names = Arrays.copyOf(names, n);
            allocation = Arrays.copyOf(allocation, n);
            weights = Arrays.copyOf(weights, n);
            active = Arrays.copyOf(active, n);
        }
        names[h] = name;
        allocation[h] = new long[total.length];
        weights[h] = 1.0;
        active[h] = true;
        handles.put(name, h);
        return h;
    }

    void remove(int h) {
        check(h);
        handles.remove(names[h]);
        names[h] = null;
        allocation[h] = null;
        active[h] = false;
        if (releasedCount == released.length) {
            released = Arrays.copyOf(released, released.length * 2);
        }
        released[releasedCount++] = h;
    }

    /** Handles in use are below this. */
    int highWater() {
        return highWater;
    }

    boolean exists(int h) {
        return h >= 0 && h < highWater && names[h] != null;
    }

    String name(int h) {
        check(h);
        return names[h];
    }

    boolean isActive(int h) {
        check(h);
        return active[h];
    }

    void setActive(int h, boolean value) {
        check(h);
        active[h] = value;
    }

    double weight(int h) {
        check(h);
        return weights[h];
    }

    void setWeight(int h, double weight) {
        check(h);
        checkWeight(names[h], weight);
        weights[h] = weight;
    }

    static void checkWeight(String client, double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of '" + client + "' must be positive and finite, not " + weight);
        }
    }

    void allocated(int h, Resources resources, int sign) {
        check(h);
        long[] held = allocation[h];
        for (Resource r : resources) {
            if (r.value() instanceof Scalar s) {
                int i = index(r.name());
                held = ensure(h, i);
                held[i] = Math.max(0, held[i] + sign * s.millis());
            }
        }
    }

    void total(Resources resources, int sign) {
        for (Resource r : resources) {
            if (r.value() instanceof Scalar s) {
                int i = index(r.name());
                total[i] = Math.max(0, total[i] + sign * s.millis());
            }
        }
    }

    /** Largest held fraction of the total over the names that count, divided by the weight. */
    double share(int h) {
        check(h);
        long[] held = allocation[h];
        double dominant = 0;
        for (int i = 0; i < held.length; i++) {
            if (held[i] > 0 && total[i] > 0 && fair[i]) {
                dominant = Math.max(dominant, (double) held[i] / total[i]);
            }
        }
        return dominant / weights[h];
    }

    private long[] ensure(int h, int nameIndex) {
        if (allocation[h].length <= nameIndex) {
            allocation[h] = Arrays.copyOf(allocation[h], total.length);
        }
        return allocation[h];
    }

    private int index(String name) {
        Integer known = nameIndex.get(name);
        if (known != null) {
            return known;
        }
        int i = nameIndex.size();
        nameIndex.put(name, i);
        if (i >= total.length) {
            total = Arrays.copyOf(total, total.length * 2);
            fair = Arrays.copyOf(fair, total.length);
        }
        fair[i] = !excluded.contains(name);
        return i;
    }

    private void check(int h) {
        if (!exists(h)) {
            throw new IllegalArgumentException("unknown sorter client " + h);
        }
    }
}
