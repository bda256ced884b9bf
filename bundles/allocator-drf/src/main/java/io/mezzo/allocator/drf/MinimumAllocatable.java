package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;

/**
 * The smallest resources worth an offer: at least {@code cpus} cpus or at least {@code mem}
 * MB of memory. Offering less only makes frameworks decline, and splinters agents.
 */
record MinimumAllocatable(Scalar cpus, Scalar mem) {
    /** Mesos's defaults ({@code --min_allocatable_resources=cpus:0.01|mem:32}). */
    static final MinimumAllocatable MESOS_DEFAULT = new MinimumAllocatable(Scalar.of(0.01), Scalar.of(32));

    MinimumAllocatable {
        if (cpus == null || mem == null) {
            throw new IllegalArgumentException("minimum allocatable needs cpus and mem");
        }
    }

    boolean allows(Resources resources) {
        return resources.scalar("cpus").compareTo(cpus) >= 0 || resources.scalar("mem").compareTo(mem) >= 0;
    }
}
