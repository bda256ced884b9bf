package io.mezzo.internal.scheduler;

import java.net.URI;
import java.util.List;

/**
 * Which master the scheduler client asks after one could not be reached: the one after it in
 * the list (counted from the master asked, which after a 307 need not be the one the client
 * started from), at once while fewer than all of them failed so in a row. Owned by the
 * connection's stream thread.
 */
final class MasterTurns {
    private final List<URI> masters;
    private int index;
    /** Masters found unreachable one after the other since the last answer from any. */
    private int unreachableInRow;

    /** @param masters at least one base URI */
    MasterTurns(List<URI> masters) {
        this.masters = List.copyOf(masters);
    }

    URI first() {
        return masters.get(0);
    }

    /** {@code tried} could not be reached: the master to ask next. */
    URI after(URI tried) {
        int at = indexOf(tried);
        index = ((at >= 0 ? at : index) + 1) % masters.size();
        unreachableInRow++;
        return masters.get(index);
    }

    /** Whether the master {@link #after} named is to be asked at once: not all failed in a row yet. */
    boolean askNow() {
        if (unreachableInRow < masters.size()) {
            return true;
        }
        unreachableInRow = 0;
        return false;
    }

    /** A master answered (or a stream opened): a new round of unreachable ones starts. */
    void answered() {
        unreachableInRow = 0;
    }

    /** The position of {@code uri}'s master (scheme, host and port) in the list, or -1. */
    private int indexOf(URI uri) {
        for (int i = 0; i < masters.size(); i++) {
            URI m = masters.get(i);
            if (m.getScheme().equalsIgnoreCase(uri.getScheme()) && m.getRawAuthority().equals(uri.getRawAuthority())) {
                return i;
            }
        }
        return -1;
    }
}
