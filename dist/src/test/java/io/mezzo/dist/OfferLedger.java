package io.mezzo.dist;

import io.mezzo.api.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One framework's books on one agent, kept from the events it receives: offers outstanding
 * (OFFERS minus RESCIND minus what it accepted) plus what its launched tasks hold. Every
 * event is checked against the agent's total; anything above it means something was offered
 * twice, and is recorded as a violation for the test to assert on.
 *
 * <p>Thread-safe: events arrive on the master's (or a stream reader's) thread while the test
 * records what it accepts.
 */
final class OfferLedger {
    private final Resources total;
    private final Map<String, Resources> outstanding = new LinkedHashMap<>();
    /** Offer id to the framework stream it was sent on. */
    private final Map<String, String> owners = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private Resources tasks = Resources.empty();

    OfferLedger(Resources total) {
        this.total = total;
    }

    synchronized void offered(String owner, String offerId, Resources resources) {
        if (outstanding.put(offerId, resources) != null) {
            violations.add("offer " + offerId + " was sent twice");
        }
        owners.put(offerId, owner);
        check("OFFERS " + offerId + " " + resources + " to " + owner);
    }

    synchronized void rescinded(String offerId) {
        owners.remove(offerId);
        if (outstanding.remove(offerId) == null) {
            violations.add("RESCIND of " + offerId + ", which is not outstanding");
        }
    }

    /**
     * The master closed {@code owner}'s stream (it removed the framework): its offers went
     * back without a RESCIND, as in Mesos. Its tasks are not forgotten, so the books can only
     * err on the side of seeing too much in use.
     */
    synchronized void closed(String owner) {
        owners.entrySet().removeIf(e -> {
            if (e.getValue().equals(owner)) {
                outstanding.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    /**
     * The framework accepts the whole offer, launching tasks that hold {@code launched}; the
     * rest goes back to the allocator. Call it before sending the ACCEPT: the next OFFERS may
     * arrive before the call returns.
     */
    synchronized void accepted(String offerId, Resources launched) {
        owners.remove(offerId);
        if (outstanding.remove(offerId) == null) {
            violations.add("ACCEPT of " + offerId + ", which is not outstanding");
        }
        tasks = tasks.plus(launched);
        check("ACCEPT " + offerId);
    }

    synchronized Map<String, Resources> outstanding() {
        return Map.copyOf(outstanding);
    }

    synchronized Resources tasks() {
        return tasks;
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    private void check(String after) {
        Resources held = tasks;
        for (Resources r : outstanding.values()) {
            held = held.plus(r);
        }
        if (!total.contains(held)) {
            violations.add("after " + after + ": tasks " + tasks + " and outstanding offers " + outstanding
                    + " hold " + held + ", more than the agent's total " + total);
        }
    }
}
