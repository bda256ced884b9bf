package io.mezzo.internal.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.mezzo.internal.hosting.HostedStore;
import io.mezzo.internal.hosting.StoredHosted;
import io.mezzo.internal.json.MezzoJson;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hosted scripts in the IMap {@value #MAP}, one JSON string per hosting id (host types only).
 *
 * <p>What it guarantees: {@link #put} returns once the owner and its synchronous backup hold
 * the entry (the map's backup count, see {@link HazelcastMember}), so a script's framework id
 * is replicated before the script's next step depends on it; with {@link DiskMirror} running it
 * also reaches every master's disk shortly after. Nothing more: Hazelcast can lose an entry
 * when members die in quick succession.
 */
public final class HazelcastHostedStore implements HostedStore {
    private static final Logger LOG = System.getLogger(HazelcastHostedStore.class.getName());
    public static final String MAP = "mezzo-hosted";

    private final IMap<String, String> scripts;

    public HazelcastHostedStore(HazelcastInstance hazelcast) {
        this.scripts = hazelcast.getMap(MAP);
    }

    @Override
    public void put(StoredHosted script) {
        scripts.set(script.id(), MezzoJson.writeString(script));
    }

    @Override
    public void remove(String id) {
        scripts.delete(id);
    }

    @Override
    public List<StoredHosted> load() {
        List<StoredHosted> out = new ArrayList<>();
        for (Map.Entry<String, String> e : scripts.entrySet()) {
            try {
                out.add(MezzoJson.read(e.getValue(), StoredHosted.class));
            } catch (IllegalArgumentException ex) {
                LOG.log(Level.WARNING, "skipping unreadable hosted script " + e.getKey() + ": " + ex.getMessage());
            }
        }
        return out;
    }
}
