package io.mezzo.allocator.drf;

import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Scalar amounts by resource name, in thousandths, in an array indexed through a shared
 * {@link Names} table: the allocator's quota and headroom arithmetic, done without building
 * {@link Resources}. Mutable; never shared across threads.
 */
final class Quantities {
    private long[] values = new long[4];

    /** Dense indexes for resource names, shared by every {@link Quantities} of one allocator. */
    static final class Names {
        private final Map<String, Integer> index = new HashMap<>();

        int indexOf(String name) {
            Integer known = index.get(name);
            if (known != null) {
                return known;
            }
            int i = index.size();
            index.put(name, i);
            return i;
        }

        int size() {
            return index.size();
        }
    }

    long get(int name) {
        return name < values.length ? values[name] : 0;
    }

    void set(int name, long value) {
        if (name >= values.length) {
            values = Arrays.copyOf(values, Math.max(name + 1, values.length * 2));
        }
        values[name] = value;
    }

    void add(int name, long delta) {
        set(name, get(name) + delta);
    }

    /** Highest name index that may be non-zero, plus one. */
    int length() {
        return values.length;
    }

    boolean isZero() {
        for (long v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    void clear() {
        Arrays.fill(values, 0);
    }

    /** Adds ({@code sign} 1) or subtracts (-1) every scalar of {@code resources}, reserved ones under their name. */
    void addScalars(Resources resources, Names names, int sign) {
        for (Resource r : resources) {
            if (r.value() instanceof Scalar s) {
                add(names.indexOf(r.name()), sign * s.millis());
            }
        }
    }

    /** As {@link #addScalars}, counting only unreserved scalars. */
    void addUnreservedScalars(Resources resources, Names names, int sign) {
        for (Resource r : resources) {
            if (r.value() instanceof Scalar s && r.isUnreserved()) {
                add(names.indexOf(r.name()), sign * s.millis());
            }
        }
    }

    /** As {@link #addScalars}, counting only scalars reserved for exactly {@code role}. */
    void addScalarsReservedFor(Resources resources, String role, Names names, int sign) {
        for (Resource r : resources) {
            if (r.value() instanceof Scalar s && r.role().equals(role)) {
                add(names.indexOf(r.name()), sign * s.millis());
            }
        }
    }
}
