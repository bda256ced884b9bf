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
import io.mezzo.internal.security.AuthenticationContext;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.tls.ServerTls;
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
    private final Optional<HostedFrameworks> hosted;
    private final Optional<DeployedScripts> deployed;
    private final AuthenticationContext authentication;
    private final AuthorizerHost authorizer;

    private MasterService(HazelcastInstance hazelcast, Master master, MasterHttpServer server,
                          Optional<HostedFrameworks> hosted, Optional<DeployedScripts> deployed,
                          AuthenticationContext authentication, AuthorizerHost authorizer) {
        this.authentication = authentication;
        this.authorizer = authorizer;
        this.hazelcast = hazelcast;
        this.master = master;
        this.server = server;
        this.hosted = hosted;
        this.deployed = deployed;
    }

    /** A master that hosts no framework scripts and authenticates nobody. */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags) {
        return start(runtime, config, clusterName, clusterPort, flags, Optional.empty());
    }

    /** A master on plain HTTP that authenticates nobody. */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags, Optional<ScriptRuntime> scripts) {
        return start(runtime, config, clusterName, clusterPort, flags, scripts, MasterSecurity.NONE);
    }

    /**
     * @param clusterName Hazelcast cluster name
     * @param clusterPort Hazelcast member port
     * @param flags       the flags as given, shown in {@code /state}
     * @param scripts     the JS runtime for hosted framework scripts; without it the master
     *                    hosts none (and ignores {@code *.js} in the deploy directory)
     * @param security    TLS, who must authenticate and the ACLs; fails when authentication
     *                    needs an authenticator that cannot open its credentials, or when the
     *                    authorizer rejects the ACLs (with its message)
     */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags, Optional<ScriptRuntime> scripts,
                                      MasterSecurity security) {
        AuthorizerHost authorizer = AuthorizerHost.open(runtime.authorizers(), runtime.guard,
                security.authorization());
        AuthenticationContext authentication;
        try {
            authentication = AuthenticationContext.open(security.authentication(), runtime.authenticators(),
                    runtime.guard, runtime.time);
        } catch (RuntimeException e) {
            authorizer.close();
            throw e;
        }
        try {
            return start(runtime, config, clusterName, clusterPort, flags, scripts, security.tls(), authentication,
                    authorizer);
        } catch (RuntimeException e) {
            authentication.close();
            authorizer.close();
            throw e;
        }
    }

    private static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                       Map<String, String> flags, Optional<ScriptRuntime> scripts,
                                       Optional<ServerTls> tls, AuthenticationContext authentication,
                                       AuthorizerHost authorizer) {
        if (authentication.policy().anyRequired()) {
            // A credentials file the authenticator cannot read is a startup error, as in Mesos; a
            // missing plugin is not (one may be deployed), but requests get 503 until then.
            authentication.authenticator().openFailure().ifPresent(why -> {
                        throw new IllegalStateException(why);
                    });
        }
        MasterHttpServer server = new MasterHttpServer(runtime.vertx, runtime.time, Version.VALUE);
        server.authenticateWith(authentication);
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
                HostedFrameworks.DEFAULT_HISTORY, Optional.of(authentication.hosted())));
        server.serve(master, hosted);
        Optional<DeployedScripts> deployed = hosted.map(h -> new DeployedScripts(
                runtime.container.config().deployDir(), h, runtime.time).start());
        return new MasterService(hazelcast, master, server, hosted, deployed, authentication, authorizer);
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
        authentication.close();
        authorizer.close();
        hazelcast.shutdown();
    }
}
