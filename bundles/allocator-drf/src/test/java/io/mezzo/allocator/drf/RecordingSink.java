package io.mezzo.allocator.drf;

import io.mezzo.api.Allocation;
import io.mezzo.spi.OfferSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps every allocation it is given, in order; can be told to fail, as a busy master might. */
final class RecordingSink implements OfferSink {
    private final List<Allocation> received = new ArrayList<>();
    private int failures;

    @Override
    public void offer(Allocation allocation) {
        if (failures > 0) {
            failures--;
            throw new IllegalStateException("sink refused the allocation for " + allocation.framework());
        }
        received.add(allocation);
    }

    /** The next {@code count} offers throw instead of being kept. */
    void failNext(int count) {
        failures = count;
    }

    /** What arrived since the last drain. */
    List<Allocation> drain() {
        List<Allocation> out = List.copyOf(received);
        received.clear();
        return out;
    }
}
