package io.mezzo.internal.runtime;

import com.hazelcast.core.HazelcastInstance;
import io.mezzo.internal.cluster.HazelcastMasterStore;
import io.mezzo.internal.cluster.HazelcastMember;
import io.mezzo.internal.hosting.DeployedScripts;
import io.mezzo.internal.hosting.HostedFrameworks;
import io.mezzo.internal.hosting.ScriptRuntime;
import io.mezzo.internal.http.MasterHttpServer;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.tls.ServerTls;
import io.mezzo.spi.AuthorizationSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A running master: its Hazelcast member, its state, its HTTP server and, when given a script
 * runtime, the framework scripts it hosts (submitted, or dropped into the deploy directory).
 */
public final class MasterService implements AutoCloseable {
    private final HazelcastInstance hazelcast;
    private final Master master;
    private final MasterHttpServer server;
    private final AuthorizerHost authorizer;
    private final Optional<HostedFrameworks> hosted;
    private final Optional<DeployedScripts> deployed;

    private MasterService(HazelcastInstance hazelcast, Master master, MasterHttpServer server,
                          AuthorizerHost authorizer, Optional<HostedFrameworks> hosted,
                          Optional<DeployedScripts> deployed) {
        this.hazelcast = hazelcast;
        this.master = master;
        this.server = server;
        this.authorizer = authorizer;
        this.hosted = hosted;
        this.deployed = deployed;
    }

    /** A master that hosts no framework scripts. */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags) {
        return start(runtime, config, clusterName, clusterPort, flags, Optional.empty());
    }

    /**
     * @param clusterName Hazelcast cluster name
     * @param clusterPort Hazelcast member port
     * @param flags       the flags as given, shown in {@code /state}
     * @param scripts     the JS runtime for hosted framework scripts; without it the master
     *                    hosts none (and ignores {@code *.js} in the deploy directory)
     */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags, Optional<ScriptRuntime> scripts) {
        return start(runtime, config, clusterName, clusterPort, flags, scripts, Optional.empty());
    }

    /**
     * As above; with {@code tls} the master serves every API over HTTPS only, and its hosted
     * scripts call it back over HTTPS: their connector must then trust the master's
     * certificate ({@link ServerTls#hostedTrust()} says what to trust).
     */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags, Optional<ScriptRuntime> scripts,
                                      Optional<ServerTls> tls) {
        return start(runtime, config, clusterName, clusterPort, flags, scripts, tls,
                new AuthorizationSettings(Optional.empty()));
    }

    /**
     * As above, authorizing with the runtime's authorizer plugin opened with
     * {@code authorization} (the {@code --acls}); ACLs the authorizer rejects fail the start
     * with its message.
     */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags, Optional<ScriptRuntime> scripts,
                                      Optional<ServerTls> tls, AuthorizationSettings authorization) {
        AuthorizerHost authorizer = AuthorizerHost.open(runtime.authorizers(), runtime.guard, authorization);
        try {
            return start(runtime, config, clusterName, clusterPort, flags, scripts, tls, authorizer);
        } catch (RuntimeException e) {
            authorizer.close();
            throw e;
        }
    }

    private static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                       Map<String, String> flags, Optional<ScriptRuntime> scripts,
                                       Optional<ServerTls> tls, AuthorizerHost authorizer) {
        MasterHttpServer server = new MasterHttpServer(runtime.vertx, runtime.time, Version.VALUE);
        int port;
        try {
            port = server.listen(config.ip(), config.port(), tls).await();
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
                runtime.allocators(), runtime.guard, flags, authorizer);
        master.start().join();
        Optional<HostedFrameworks> hosted = scripts.map(s -> new HostedFrameworks(s,
                List.of(URI.create(server.scheme() + "://" + loopback(config.ip()) + ":" + port)), runtime.time,
                HostedFrameworks.DEFAULT_HISTORY));
        server.serve(master, hosted);
        Optional<DeployedScripts> deployed = hosted.map(h -> new DeployedScripts(
                runtime.container.config().deployDir(), h, runtime.time).start());
        return new MasterService(hazelcast, master, server, authorizer, hosted, deployed);
    }

    public Master master() {
        return master;
    }

    public String url() {
        return server.scheme() + "://" + master.info().hostname() + ":" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** The master's hosted framework scripts, when it hosts any. */
    public Optional<HostedFrameworks> hosted() {
        return hosted;
    }

    /** Hosted scripts reach their master over loopback when it listens on every interface. */
    private static String loopback(String ip) {
        return switch (ip) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
        };
    }

    @Override
    public void close() {
        // Scripts stop first: their teardown still reaches this master's HTTP API.
        deployed.ifPresent(DeployedScripts::close);
        hosted.ifPresent(HostedFrameworks::close);
        // The master stops before its server: streams that close because the server goes are
        // then not taken for frameworks or agents leaving (which would remove frameworks with no
        // failover timeout from the store the next master recovers).
        master.close();
        server.close();
        authorizer.close();
        hazelcast.shutdown();
    }
}
