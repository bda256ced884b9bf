package io.mezzo.spi;

import io.mezzo.api.AllocatorOptions;
import java.time.InstantSource;
import org.osgi.annotation.versioning.ProviderType;

/** What the host gives an allocator: its clock and where its decisions go. */
@ProviderType
public interface AllocatorContext {

    /** The only clock an allocator reads (refuse filters, for example); tests advance it. */
    InstantSource clock();

    /** Where allocations go; safe to call from any thread. */
    OfferSink offers();

    /** The operator's allocation settings (minimum allocatable, fairness exclusions). */
    AllocatorOptions options();
}
