package io.mezzo.internal.hosting;

import java.util.List;

/**
 * Where hosted scripts are kept so that the next leader can resume them. Implementations say
 * what they replicate; the one a master without peers uses keeps nothing.
 */
public interface HostedStore {

    /** Stores (or replaces) {@code script} under its id. */
    void put(StoredHosted script);

    void remove(String id);

    /** Every stored script, in no particular order; unreadable entries are skipped (and logged). */
    List<StoredHosted> load();

    /** Keeps nothing: hosted scripts end with their master. */
    HostedStore NONE = new HostedStore() {
        @Override
        public void put(StoredHosted script) {
        }

        @Override
        public void remove(String id) {
        }

        @Override
        public List<StoredHosted> load() {
            return List.of();
        }
    };
}
