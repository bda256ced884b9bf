package io.mezzo.internal.runtime;

import com.hazelcast.core.HazelcastInstance;
import io.mezzo.internal.cluster.ClusterSettings;
import io.mezzo.internal.cluster.DiskMirror;
import io.mezzo.internal.cluster.HazelcastHostedStore;
import io.mezzo.internal.cluster.HazelcastMasterStore;
import io.mezzo.internal.cluster.HazelcastMember;
import io.mezzo.internal.cluster.Leadership;
import io.mezzo.internal.hosting.HostedFrameworks;
import io.mezzo.internal.hosting.ScriptRuntime;
import io.mezzo.internal.http.MasterHttpServer;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.security.AuthenticationContext;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.tls.ServerTls;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running master process: its HTTP server, its Hazelcast member and its part in the
 * election. While it leads, its {@link LeaderTerms} hold the {@link Master} and what runs only
 * on the leader; while it stands by, its server redirects callers to the leader.
 */
public final class MasterService implements AutoCloseable {
    private static final Logger LOG = System.getLogger(MasterService.class.getName());

    /** Loading a large store may take a while; a lone master that cannot lead by then never will. */
    private static final java.time.Duration LONE_START = java.time.Duration.ofSeconds(60);
    private final HazelcastInstance hazelcast;
    private final MasterHttpServer server;
    private final Leadership leadership;
    private final LeaderTerms terms;
    private final Optional<HostedFrameworks> hosted;
    private final Optional<DiskMirror> mirror;
    private final AuthenticationContext authentication;
    private final AuthorizerHost authorizer;

    private MasterService(HazelcastInstance hazelcast, MasterHttpServer server, Leadership leadership,
                          LeaderTerms terms, Optional<HostedFrameworks> hosted, Optional<DiskMirror> mirror,
                          AuthenticationContext authentication, AuthorizerHost authorizer) {
        this.mirror = mirror;
        this.hazelcast = hazelcast;
        this.server = server;
        this.leadership = leadership;
        this.terms = terms;
        this.hosted = hosted;
        this.authentication = authentication;
        this.authorizer = authorizer;
    }

    /** A lone master that hosts no framework scripts and authenticates nobody. */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags) {
        return start(runtime, config, clusterName, clusterPort, flags, Optional.empty());
    }

    /** A lone master on plain HTTP that authenticates nobody. */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags, Optional<ScriptRuntime> scripts) {
        return start(runtime, config, clusterName, clusterPort, flags, scripts, MasterSecurity.NONE);
    }

    /** A lone master (a cluster of one): it leads as soon as it starts. */
    public static MasterService start(HostRuntime runtime, MasterConfig config, String clusterName, int clusterPort,
                                      Map<String, String> flags, Optional<ScriptRuntime> scripts,
                                      MasterSecurity security) {
        return start(new MasterParts(runtime.vertx, runtime.time, runtime.allocators(), runtime.guard,
                        runtime.authorizers(), runtime.authenticators(), Optional.of(runtime.container.config().deployDir())),
                config, MasterClustering.alone(clusterName, clusterPort), flags, scripts, security);
    }

    /**
     * @param cluster     who the other masters are and the quorum; its own address is
     *                    {@code config}'s hostname (or ip) and port
     * @param flags       the flags as given, shown in {@code /state}
     * @param scripts     the JS runtime for hosted framework scripts; without it the master
     *                    hosts none (and ignores {@code *.js} in the deploy directory)
     * @param security    TLS, who must authenticate and the ACLs; fails when authentication
     *                    needs an authenticator that cannot open its credentials, or when the
     *                    authorizer rejects the ACLs (with its message)
     */
    public static MasterService start(HostRuntime runtime, MasterConfig config, MasterClustering cluster,
                                      Map<String, String> flags, Optional<ScriptRuntime> scripts,
                                      MasterSecurity security) {
        return start(new MasterParts(runtime.vertx, runtime.time, runtime.allocators(), runtime.guard,
                        runtime.authorizers(), runtime.authenticators(), Optional.of(runtime.container.config().deployDir())),
                config, cluster, flags, scripts, security);
    }

    /** As the others, from the process's parts (tests give theirs). */
    public static MasterService start(MasterParts parts, MasterConfig config, MasterClustering cluster, Map<String, String> flags,
                                      Optional<ScriptRuntime> scripts, MasterSecurity security) {
        AuthorizerHost authorizer = AuthorizerHost.open(parts.authorizers(), parts.guard(), security.authorization());
        AuthenticationContext authentication;
        try {
            authentication = AuthenticationContext.open(security.authentication(), parts.authenticators(),
                    parts.guard(), parts.time());
        } catch (RuntimeException e) {
            authorizer.close();
            throw e;
        }
        try {
            return start(parts, config, cluster, flags, scripts, security.tls(), authentication, authorizer);
        } catch (RuntimeException e) {
            authentication.close();
            authorizer.close();
            throw e;
        }
    }

    private static MasterService start(MasterParts parts, MasterConfig config, MasterClustering cluster,
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
        MasterHttpServer server = new MasterHttpServer(parts.vertx(), parts.time(), Version.VALUE);
        server.authenticateWith(authentication);
        int port;
        try {
            port = server.listen(config.ip(), config.port(), tls).await();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + config.ip() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        MasterConfig bound = config.withPort(port);
        ClusterSettings settings;
        HazelcastInstance hazelcast;
        try {
            settings = cluster.settings(bound);
            hazelcast = HazelcastMember.start(settings);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException(e instanceof IllegalArgumentException ? e.getMessage()
                    : "cannot start the Hazelcast member on " + config.ip() + ":" + cluster.clusterPort(bound)
                    + " (set --cluster-port): " + e.getMessage(), e);
        }
        Optional<HostedFrameworks> hosted = scripts.map(s -> new HostedFrameworks(s,
                List.of(URI.create(server.scheme() + "://" + loopback(config.ip()) + ":" + port)), parts.time(),
                HostedFrameworks.DEFAULT_HISTORY, Optional.of(authentication.hosted()),
                new HazelcastHostedStore(hazelcast)));
        Optional<DiskMirror> mirror;
        try {
            // The mirror hears of a map created after it opened only through an event, and could miss
            // that map's first writes: every map it must copy exists before it opens.
            new HazelcastMasterStore(hazelcast, "mezzo");
            hazelcast.getMap(Leadership.MAP);
            mirror = cluster.mirrorDir().map(dir -> DiskMirror.open(hazelcast, dir));
        } catch (RuntimeException e) {
            hazelcast.shutdown();
            server.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, String> allFlags = new java.util.LinkedHashMap<>(flags);
        allFlags.put("masters", String.join(",", settings.masters()));
        allFlags.put("quorum", Integer.toString(settings.quorum()));
        LeaderTerms terms = new LeaderTerms(parts, bound, hazelcast, server, hosted, allFlags, authorizer, mirror);
        Leadership leadership = new Leadership(hazelcast, settings, parts.time(), terms);
        server.clusterWith(leadership, hazelcast.getCluster().getLocalMember().getUuid().toString());
        leadership.start();
        if (settings.masters().size() == 1) {
            awaitLead(terms, leadership, server, hazelcast);
        } else {
            terms.warmUp();
            if (cluster.rehearse()) {
                terms.rehearseOnceAnotherLeads(leadership);
            }
        }
        return new MasterService(hazelcast, server, leadership, terms, hosted, mirror, authentication, authorizer);
    }

    /** A lone master leads at once; it is not started until it does (or fails to). */
    private static void awaitLead(LeaderTerms terms, Leadership leadership, MasterHttpServer server,
                                  HazelcastInstance hazelcast) {
        try {
            terms.firstTerm().get(LONE_START.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            leadership.close();
            server.close();
            hazelcast.shutdown();
            throw new IllegalStateException("the master did not start leading within " + LONE_START + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the master started", e);
        }
    }

    /** The master while this process leads. */
    public Optional<Master> leading() {
        return terms.current();
    }

    /** The master; fails when this process does not lead (a lone master always leads once started). */
    public Master master() {
        return terms.current().orElseThrow(() -> new IllegalStateException("this master does not lead"));
    }

    /** What this master sees of the cluster. */
    public Leadership.View cluster() {
        return leadership.view();
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public String url() {
        return server.scheme() + "://" + terms.config().hostname() + ":" + server.port();
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
        terms.close();
        if (leadership.view().masters().size() > 1 || mirror.isPresent()) {
            // Handing over (to the next leader, or to this master's next start over its work dir):
            // stepping down suspends the hosted scripts (no teardown), and whoever leads next
            // resumes them.
            leadership.close();
            hosted.ifPresent(HostedFrameworks::close);
        } else {
            // Alone, stopping is the operator's stop: scripts end first (their teardown still
            // reaches this master's HTTP API), then the master, before its server, so streams
            // closing with the server are not taken for frameworks or agents leaving.
            hosted.ifPresent(HostedFrameworks::close);
            leadership.close();
        }
        mirror.ifPresent(m -> {
            try {
                m.flush();
            } catch (RuntimeException e) {
                // Stopping goes on: the server, the sockets and the Hazelcast member still close.
                LOG.log(Level.WARNING, "the disk copy of the replicated state may miss the last changes: "
                        + e.getMessage());
            } finally {
                m.close();
            }
        });
        server.close();
        authentication.close();
        authorizer.close();
        hazelcast.shutdown();
    }
}
