package io.mezzo.dist;

import io.mezzo.api.FrameworkId;
import io.mezzo.internal.master.FrameworkStream;
import io.mezzo.internal.master.SchedulerEvent;
import io.mezzo.internal.model.Offer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A framework's subscription stream inside the test: keeps every event, in order, for the test
 * to read, and books offers and rescissions in an {@link OfferLedger} as they happen (on the
 * master's thread), so a double offer is caught even if no test step looks at that moment.
 */
final class RecordingFrameworkStream implements FrameworkStream {
    private final String streamId;
    private final OfferLedger ledger;
    private final BlockingQueue<SchedulerEvent> events = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile FrameworkId frameworkId;

    RecordingFrameworkStream(String streamId, OfferLedger ledger) {
        this.streamId = streamId;
        this.ledger = ledger;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public void send(SchedulerEvent event) {
        if (event instanceof SchedulerEvent.Offers offers) {
            for (Offer offer : offers.offers()) {
                ledger.offered(streamId, offer.id().value(), offer.resources());
            }
        } else if (event instanceof SchedulerEvent.Rescind rescind) {
            ledger.rescinded(rescind.offerId().value());
        }
        events.add(event);
    }

    @Override
    public void close() {
        closed = true;
        ledger.closed(streamId);
    }

    /** The id the master gave this framework; set once SUBSCRIBE succeeded. */
    FrameworkId frameworkId() {
        return frameworkId;
    }

    void subscribed(FrameworkId id) {
        this.frameworkId = id;
    }

    boolean closed() {
        return closed;
    }

    /**
     * The next event other than a heartbeat, which must be a {@code type}: the order of events
     * is part of what the tests check (RESCIND before the new allocator's OFFERS).
     */
    <E extends SchedulerEvent> E next(Class<E> type) throws InterruptedException {
        long deadline = System.nanoTime() + Waits.EVENT.toNanos();
        while (true) {
            SchedulerEvent event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no " + type.getSimpleName() + " event within " + Waits.EVENT);
            }
            if (event instanceof SchedulerEvent.Heartbeat) {
                continue;
            }
            if (!type.isInstance(event)) {
                throw new AssertionError("expected " + type.getSimpleName() + " next, got " + event);
            }
            return type.cast(event);
        }
    }

    /** The one offer of the next OFFERS event (the tests run one agent). */
    Offer nextOffer() throws InterruptedException {
        List<Offer> offers = next(SchedulerEvent.Offers.class).offers();
        if (offers.size() != 1) {
            throw new AssertionError("expected one offer of the one agent, got " + offers);
        }
        return offers.get(0);
    }

    /** Events received and not read yet, heartbeats left out. */
    List<SchedulerEvent> unread() {
        List<SchedulerEvent> out = new ArrayList<>(events);
        out.removeIf(e -> e instanceof SchedulerEvent.Heartbeat);
        return out;
    }
}
