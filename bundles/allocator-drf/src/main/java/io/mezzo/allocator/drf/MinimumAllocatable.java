package io.mezzo.allocator.drf;

import io.mezzo.api.AllocatorOptions;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's minimum allocatable ({@link AllocatorOptions#minAllocatable()}): resources
 * are worth an offer only if they hold, whatever their reservations, at least one of the
 * alternatives (Mesos's {@code --min_allocatable_resources}, default {@code cpus:0.01|mem:32}).
 * No alternatives means anything non-empty is worth offering.
 *
 * <p>Checked once per agent and role in a cycle, so scalar-only alternatives (the usual
 * kind) compare arrays of thousandths; an alternative naming ranges or sets falls back to
 * {@link Resources#contains} on flattened resources.
 */
final class MinimumAllocatable {
    private final Quantities.Names names;
    private final List<long[]> scalarAlternatives = new ArrayList<>();
    private final List<Resources> otherAlternatives = new ArrayList<>();
    private final boolean none;
    private long[] scratch = new long[8];

    MinimumAllocatable(List<Resources> alternatives, Quantities.Names names) {
        this.names = names;
        this.none = alternatives.isEmpty();
        for (Resources alternative : alternatives) {
            if (alternative.list().stream().allMatch(r -> r.value() instanceof Scalar)) {
                scalarAlternatives.add(encode(alternative));
            } else {
                otherAlternatives.add(alternative.flatten());
            }
        }
    }

    /** Pairs of (name index, thousandths), with every reservation folded into its name. */
    private long[] encode(Resources alternative) {
        Quantities sum = new Quantities();
        sum.addScalars(alternative, names, 1);
        List<Long> pairs = new ArrayList<>();
        for (int i = 0; i < sum.length(); i++) {
            if (sum.get(i) > 0) {
                pairs.add((long) i);
                pairs.add(sum.get(i));
            }
        }
        return pairs.stream().mapToLong(Long::longValue).toArray();
    }

    boolean allows(Resources resources) {
        if (resources.isEmpty()) {
            return false;
        }
        if (none) {
            return true;
        }
        long[] held = sumScalars(resources);
        for (long[] alternative : scalarAlternatives) {
            if (satisfied(alternative, held)) {
                return true;
            }
        }
        if (!otherAlternatives.isEmpty()) {
            Resources flat = resources.flatten();
            for (Resources alternative : otherAlternatives) {
                if (flat.contains(alternative)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean satisfied(long[] alternative, long[] held) {
        for (int i = 0; i < alternative.length; i += 2) {
            int name = (int) alternative[i];
            if (name >= held.length || held[name] < alternative[i + 1]) {
                return false;
            }
        }
        return true;
    }

    private long[] sumScalars(Resources resources) {
        if (scratch.length < names.size()) {
            scratch = new long[names.size() * 2];
        }
        java.util.Arrays.fill(scratch, 0);
        for (Resource r : resources) {
            if (r.value() instanceof Scalar s) {
                int i = names.indexOf(r.name());
                if (i >= scratch.length) {
                    scratch = java.util.Arrays.copyOf(scratch, i * 2 + 1);
                }
                scratch[i] += s.millis();
            }
        }
        return scratch;
    }
}
