package io.mezzo.internal.runtime;

import com.hazelcast.core.HazelcastInstance;
import io.mezzo.internal.cluster.HazelcastMasterStore;
import io.mezzo.internal.cluster.HazelcastMember;
import io.mezzo.internal.http.MasterHttpServer;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.model.MasterInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A running master: its Hazelcast member, its state, its HTTP server. */
public final class MasterService implements AutoCloseable {
    private final HazelcastInstance hazelcast;
    private final Master master;
    private final MasterHttpServer server;

    private MasterService(HazelcastInstance hazelcast, Master master, MasterHttpServer server) {
        this.hazelcast = hazelcast;
        this.master = master;
        this.server = server;
    }

    /**
     * @param clusterName Hazelcast cluster name
     * @param clusterPort Hazelcast member port
     * @param flags       the flags as given, shown in {@code /state}
     */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags) {
        MasterHttpServer server = new MasterHttpServer(runtime.vertx, runtime.time, Version.VALUE);
        int port;
        try {
            port = server.listen(config.ip(), config.port()).await();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + config.ip() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        HazelcastInstance hazelcast;
        try {
            hazelcast = HazelcastMember.start(clusterName, config.ip(), clusterPort, List.of());
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("cannot start the Hazelcast member on " + config.ip() + ":" + clusterPort
                    + " (set --cluster-port): " + e.getMessage(), e);
        }
        MasterConfig bound = config.withPort(port);
        MasterInfo info = new MasterInfo(UUID.randomUUID().toString(), config.ip(), port, config.hostname(),
                Version.VALUE);
        Master master = new Master(bound, info, runtime.time, new HazelcastMasterStore(hazelcast, "mezzo"),
                runtime.allocators(), runtime.guard, flags);
        master.start().join();
        server.serve(master);
        return new MasterService(hazelcast, master, server);
    }

    public Master master() {
        return master;
    }

    public String url() {
        return "http://" + master.info().hostname() + ":" + server.port();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        master.close();
        hazelcast.shutdown();
    }
}
