package io.mezzo.benchmarks;

import io.mezzo.api.Allocation;
import io.mezzo.spi.OfferSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps what one cycle offered, so the caller can decline or recover it as the master would. */
final class CollectingSink implements OfferSink {
    private List<Allocation> received = new ArrayList<>();

    @Override
    public void offer(Allocation allocation) {
        received.add(allocation);
    }

    /** What was offered since the last drain. */
    List<Allocation> drain() {
        List<Allocation> out = received;
        received = new ArrayList<>();
        return out;
    }
}
