package io.mezzo.api;

import java.util.List;
import java.util.Set;

/**
 * How the operator configured allocation (master flags), for allocators that honour it.
 *
 * @param minAllocatable            an offer is made only if it holds at least one of these
 *                                  (Mesos's {@code --min_allocatable_resources}, default
 *                                  {@code cpus:0.01|mem:32}); empty means no minimum
 * @param fairnessExcludedResources resource names left out of fair-share computations
 *                                  ({@code --fair_sharing_excluded_resource_names}, e.g. gpus)
 */
public record AllocatorOptions(List<Resources> minAllocatable, Set<String> fairnessExcludedResources) {
    public AllocatorOptions {
        minAllocatable = List.copyOf(minAllocatable);
        fairnessExcludedResources = Set.copyOf(fairnessExcludedResources);
    }

    /** Mesos's defaults: at least 0.01 cpus or 32 MB of memory; nothing excluded from fairness. */
    public static AllocatorOptions defaults() {
        return new AllocatorOptions(List.of(Resources.parse("cpus:0.01"), Resources.parse("mem:32")), Set.of());
    }

    /** Parses Mesos's {@code --min_allocatable_resources} format: alternatives separated by '|'. */
    public static List<Resources> parseMinAllocatable(String text) {
        List<Resources> out = new java.util.ArrayList<>();
        for (String alternative : text.split("\\|")) {
            if (!alternative.isBlank()) {
                out.add(Resources.parse(alternative));
            }
        }
        return out;
    }

    /** True when {@code resources} meets the minimum (or there is none). */
    public boolean allocatable(Resources resources) {
        if (minAllocatable.isEmpty()) {
            return !resources.isEmpty();
        }
        for (Resources minimum : minAllocatable) {
            if (resources.flatten().contains(minimum.flatten())) {
                return true;
            }
        }
        return false;
    }
}
