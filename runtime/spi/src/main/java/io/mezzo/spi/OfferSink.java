package io.mezzo.spi;

import io.mezzo.api.Allocation;
import org.osgi.annotation.versioning.ProviderType;

/** Receives an allocator's decisions; the master turns each into offers. */
@ProviderType
@FunctionalInterface
public interface OfferSink {

    /**
     * Offers these resources to the framework. The master validates them against its own
     * view and gives back, through {@link Allocator#recoverResources}, anything it cannot
     * offer (the agent or framework went away meanwhile).
     */
    void offer(Allocation allocation);
}
