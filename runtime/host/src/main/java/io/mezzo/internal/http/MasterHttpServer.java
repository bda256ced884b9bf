package io.mezzo.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.hosting.HostedFrameworks;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.protocol.LeaderHeaders;
import io.mezzo.internal.security.AuthenticationContext;
import io.mezzo.internal.security.AuthorizedView;
import io.mezzo.internal.security.Caller;
import io.mezzo.spi.Action;
import io.mezzo.internal.time.TimeSource;
import io.mezzo.internal.tls.ServerTls;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import io.mezzo.internal.cluster.Leadership;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master's HTTP face: the scheduler API, the agent API, the operator API and the
 * Mesos-compatible read endpoints. Handlers parse, hand a command to the master and answer
 * when it completes; none blocks an event loop.
 *
 * <p>In a cluster of masters, a standby (no master served) answers every API call with 307
 * and {@code Location: //<leader>/<same path>}, or 503 {@code No leader elected} when it knows
 * no leader, as Mesos does; {@code /health}, {@code /redirect} and {@code /mezzo/cluster} it
 * answers itself.
 */
public final class MasterHttpServer implements AutoCloseable {
    private static final Logger LOG = System.getLogger(MasterHttpServer.class.getName());

    private final Vertx vertx;
    private final TimeSource time;
    private final String version;
    /** Carries the leader's epoch on {@code /redirect} and on the agent stream's response. */
    public static final String EPOCH_HEADER = io.mezzo.internal.protocol.LeaderHeaders.EPOCH;
    public static final String CLUSTER_PATH = "/mezzo/cluster";

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private volatile Optional<Leadership> cluster = Optional.empty();
    private final ParkedRequests parked;
    private volatile String memberId = "";
    private volatile Master master;
    private volatile Optional<HostedFrameworks> hosted = Optional.empty();
    private volatile RealmAuthentication authentication;
    /**
     * Event loops serving the API ({@link LoopServers}): one per core, at most four. Handlers run
     * on their request's loop and answer there (the context is captured per request); shared
     * state here is volatile or concurrent, and the master is called through its actor.
     */
    static final int EVENT_LOOPS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final LoopServers loopServers;
    private volatile String scheme = "http";

    public MasterHttpServer(Vertx vertx, TimeSource time, String version) {
        this.vertx = vertx;
        this.time = time;
        this.version = version;
        this.authentication = new RealmAuthentication(Optional.empty(), time);
        this.parked = new ParkedRequests(time);
        this.loopServers = new LoopServers(vertx, EVENT_LOOPS, this::dispatch);
    }

    /**
     * Authenticates callers with {@code context} (its policy says which realms need it).
     * Call before {@link #serve}; without it nobody is authenticated.
     */
    public void authenticateWith(AuthenticationContext context) {
        this.authentication = new RealmAuthentication(Optional.of(context), time);
    }

    /**
     * Makes this server one master of a cluster: {@code leadership}'s view says who leads, and
     * while no master is served here, calls are redirected there. Call before {@link #listen}.
     *
     * @param id this master's id in {@code /mezzo/cluster}
     */
    public void clusterWith(Leadership leadership, String id) {
        this.cluster = Optional.of(leadership);
        this.memberId = id;
        leadership.onViewChange(parked::wake);
        vertx.executeBlocking(() -> {
            warmUp();
            return null;
        }, false);
    }

    /**
     * Loads and initializes, on a worker, the classes serving a master needs (Mesos's protobuf
     * descriptors, the endpoints and their codecs): about 0.4 s on a fresh JVM, which a standby
     * would otherwise spend after it was elected, while every client waits.
     */
    private static void warmUp() {
        java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
        for (Class<?> c : java.util.List.of(io.mezzo.internal.wire.MesosSchema.class, SchedulerEndpoint.class,
                SchedulerCallDecoder.class, SchedulerEventEncoder.class, EventStream.class, AgentEndpoint.class,
                AgentAuthenticationCalls.class, OperatorEndpoint.class, OperatorResponses.class, OperatorUpdates.class,
                ResourceCodec.class, TaskInfoDecoder.class, StateJson.class, LegacyJson.class, MetricsJson.class,
                HostingEndpoint.class, HostedJson.class)) {
            try {
                lookup.ensureInitialized(c);
            } catch (IllegalAccessException | RuntimeException | Error e) {
                LOG.log(Level.DEBUG, "warming up " + c.getSimpleName() + " failed: " + e);
            }
        }
    }

    /**
     * Stops serving the master (it lost the lead): from now on calls are redirected to the
     * leader. The master is closed by its owner after this returns.
     */
    public void standby() {
        this.master = null;
        this.hosted = Optional.empty();
    }

    /**
     * Starts answering with {@code master}. Until then every request gets 503, as a Mesos
     * master that has not finished recovery answers.
     */
    public void serve(Master master) {
        serve(master, Optional.empty());
    }

    /**
     * As {@link #serve(Master)}, and with {@code hosted} the master's hosted framework scripts:
     * Mezzo's {@code /mezzo/frameworks} endpoints, {@code hosted_frameworks} in {@code /state},
     * and the operator's TEARDOWN stopping a hosted script too.
     */
    public void serve(Master master, Optional<HostedFrameworks> hosted) {
        this.hosted = hosted;
        SchedulerEndpoint scheduler = new SchedulerEndpoint(master);
        AgentEndpoint agent = new AgentEndpoint(master, authentication);
        OperatorEndpoint operator = new OperatorEndpoint(master, version, hosted);
        hosted.map(HostingEndpoint::new).ifPresent(endpoint -> {
            route(Realm.READWRITE, endpointAuthorized(endpoint::frameworks), HostingEndpoint.FRAMEWORKS);
            route(Realm.READWRITE, endpoint::stop, HostingEndpoint.STOP);
        });
        route(Realm.SCHEDULER, scheduler::handle, "/api/v1/scheduler", "/master/api/v1/scheduler");
        route(Realm.AGENT, agent::handle, AgentProtocol.PATH);
        route(Realm.READWRITE, operator::handle, "/api/v1", "/master/api/v1");
        route(Realm.READONLY, get(this::state), "/state", "/master/state", "/state.json", "/master/state.json");
        route(Realm.READONLY, get(endpointAuthorized(this::metrics)), "/metrics/snapshot");
        this.master = master;
        parked.wake();
    }

    /** An endpoint's handler, given the request and who made it. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpServerRequest request, Caller caller);
    }

    private record Route(Realm realm, Handler handler) { }

    private void route(Realm realm, Handler handler, String... paths) {
        for (String p : paths) {
            routes.put(p, new Route(realm, handler));
        }
    }

    private static Handler get(Handler handler) {
        return (request, caller) -> {
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                request.response().putHeader("Allow", "GET");
                Replies.text(request.response(), 405, "Expecting a GET request, received " + request.method());
                return;
            }
            handler.handle(request, caller);
        };
    }

    /**
     * Mesos's {@code get_endpoints} (object: the path) for reads of {@code handler}'s endpoint:
     * 403 when refused, 503 when the authorizer cannot decide. Other methods pass through.
     */
    private Handler endpointAuthorized(Handler handler) {
        return (request, caller) -> {
            boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
            if (!read || AuthorizationReplies.allowed(request.response(),
                    master.authorizer().check(caller, Action.GET_ENDPOINT_WITH_PATH, request.path()),
                    () -> "Not authorized to GET " + request.path() + " as " + caller)) {
                handler.handle(request, caller);
            }
        };
    }

    /** Binds to {@code host:port} (port 0 picks a free one) and returns the bound port. */
    public Future<Integer> listen(String host, int port) {
        return listen(host, port, Optional.empty());
    }

    /**
     * As {@link #listen(String, int)}; with {@code tls} every API is served over HTTPS only
     * (a plain HTTP request to the port fails its handshake and is never answered).
     */
    public Future<Integer> listen(String host, int port, Optional<ServerTls> tls) {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setIdleTimeout(0).setCompressionSupported(false);
        tls.ifPresent(t -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(t.certFile().toString()).setKeyPath(t.keyFile().toString())));
        scheme = tls.isPresent() ? "https" : "http";
        return loopServers.listen(options).onSuccess(actual -> LOG.log(Level.INFO, "master HTTP API listening on "
                + scheme + "://" + host + ":" + actual + " (" + EVENT_LOOPS + " event loops)"));
    }

    /** {@code https} when serving TLS, else {@code http}. */
    public String scheme() {
        return scheme;
    }

    private void dispatch(HttpServerRequest request) {
        String path = request.path();
        boolean health = path.equals("/health") || path.equals("/master/health");
        boolean redirect = path.equals("/redirect") || path.equals("/master/redirect");
        if (health || redirect || path.equals(CLUSTER_PATH)) {
            // Every master answers these itself, leading or not.
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                request.response().putHeader("Allow", "GET");
                Replies.text(request.response(), 405, "Expecting a GET request, received " + request.method());
            } else if (health) {
                Replies.empty(request.response(), 200);
            } else if (redirect) {
                redirect(request);
            } else {
                describeCluster(request);
            }
            return;
        }
        long wakes = parked.wakes(); // before anything the decision to hold the request reads
        Master serving = master;
        if (serving == null) {
            standby(request, wakes);
            return;
        }
        // A request held while this master was not serving reads its body from here on.
        boolean wasParked = parked.release(request);
        Route route = routes.get(path);
        if (route == null) {
            Replies.text(request.response(), 404, "No endpoint at " + request.path());
        } else {
            try {
                authentication.authenticate(request, route.realm(), caller -> route.handler().handle(request, caller));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "handler for " + request.path() + " failed", e);
                Replies.text(request.response(), 500, "Internal error; see the master's log");
            }
        }
        if (wasParked) {
            request.resume();
        }
    }

    private void state(HttpServerRequest request, Caller caller) {
        Context context = Vertx.currentContext();
        master.snapshot().whenComplete((snapshot, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                Replies.text(request.response(), 503, "The master could not take a snapshot");
                return;
            }
            Optional<MasterSnapshot> visible = AuthorizationReplies.visible(request.response(),
                    AuthorizedView.frameworks(snapshot, caller, master.authorizer()));
            if (visible.isEmpty()) {
                return;
            }
            ObjectNode json = StateJson.of(visible.get(), version,
                    hosted.map(HostedFrameworks::list).orElse(java.util.List.of()));
            Replies.json(request.response(), 200, MezzoJson.write(json));
        }));
    }

    private void metrics(HttpServerRequest request, Caller caller) {
        Context context = Vertx.currentContext();
        master.snapshot().whenComplete((snapshot, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                Replies.text(request.response(), 503, "The master could not take a snapshot");
                return;
            }
            ObjectNode json = MetricsJson.of(snapshot, master.metrics().counters(),
                    master.metrics().allocationRunSummary(), master.backlog(), time.instant());
            Replies.json(request.response(), 200, MezzoJson.write(json));
        }));
    }

    /** Who leads, by this master's view; a lone master (no cluster) leads while it serves. */
    private Optional<Leadership.Leader> leader() {
        Optional<Leadership> view = cluster;
        if (view.isPresent()) {
            return view.get().view().leader();
        }
        Master serving = master;
        return serving == null ? Optional.empty() : Optional.of(new Leadership.Leader(serving.info().hostname() + ":"
                + serving.info().port(), serving.epoch()));
    }

    /** Mesos's {@code /redirect}: 307 to the leader (itself when leading), 503 when none is known. */
    private void redirect(HttpServerRequest request) {
        Optional<Leadership.Leader> leader = leader();
        if (leader.isEmpty()) {
            Replies.text(request.response(), 503, "No leader elected");
            return;
        }
        request.response().putHeader("Location", "//" + leader.get().address());
        request.response().putHeader(EPOCH_HEADER, Long.toString(leader.get().epoch()));
        Replies.empty(request.response(), 307);
    }

    /**
     * An API call while no master is served here. When this master knows no leader, is the
     * leader still recovering, or names the very leader the caller says it lost ({@link
     * LeaderHeaders#LOST_LEADER}), the call is held until that changes ({@link ParkedRequests}),
     * then dispatched again; otherwise, or when held too long, {@link #standbyReply} answers.
     */
    private void standby(HttpServerRequest request, long wakes) {
        Optional<Leadership.Leader> leader = leader();
        boolean self = namesThisMaster(leader);
        boolean lost = leader.isPresent() && leader.get().address().equals(request.getHeader(LeaderHeaders.LOST_LEADER));
        if ((leader.isEmpty() || self || lost) && (parked.holds(request)
                || parked.park(request, wakes, () -> dispatch(request), () -> standbyReply(request)))) {
            return;
        }
        boolean wasParked = parked.release(request);
        standbyReply(request);
        if (wasParked) {
            request.resume();
        }
    }

    /** Whether {@code leader} is this master (elected, perhaps still recovering). */
    private boolean namesThisMaster(Optional<Leadership.Leader> leader) {
        return leader.isPresent() && cluster.isPresent() && leader.get().address().equals(cluster.get().view().self());
    }

    /** A standby sends callers to the leader, path and query kept (MESOS-API 2.4). */
    private void standbyReply(HttpServerRequest request) {
        Optional<Leadership.Leader> leader = leader();
        boolean self = namesThisMaster(leader);
        if (leader.isEmpty() && cluster.isPresent()) {
            Replies.text(request.response(), 503, "No leader elected");
        } else if (leader.isEmpty() || self) {
            // Elected (or alone) but still recovering: nowhere better to send the caller.
            Replies.text(request.response(), 503, "Master has not finished recovery");
        } else {
            String query = request.query() == null ? "" : "?" + request.query();
            request.response().putHeader("Location", "//" + leader.get().address() + request.path() + query);
            request.response().putHeader(EPOCH_HEADER, Long.toString(leader.get().epoch()));
            Replies.empty(request.response(), 307);
        }
    }

    /**
     * {@code /mezzo/cluster}: this master's own view, never redirected, and whether the
     * replicated state had all its backups at the last check ({@code replicas_in_sync}: losing
     * a master now loses nothing; a lone master has none to wait for).
     */
    private void describeCluster(HttpServerRequest request) {
        boolean replicasInSync = cluster.map(Leadership::replicasInSync).orElse(true);
        Master serving = master;
        Leadership.View view = cluster.map(Leadership::view).orElseGet(() -> {
            String self = serving == null ? "" : serving.info().hostname() + ":" + serving.info().port();
            return new Leadership.View(self, serving != null, serving == null ? 0 : serving.epoch(), leader(), 1,
                    java.util.List.of(self), java.util.List.of(self));
        });
        ObjectNode json = MezzoJson.mapper().createObjectNode();
        ObjectNode self = json.putObject("self");
        self.put("id", serving != null ? serving.info().id() : memberId);
        self.put("address", view.self());
        self.put("role", view.leading() && serving != null ? "leader" : "standby");
        self.put("epoch", view.epoch());
        view.leader().ifPresentOrElse(l -> json.putObject("leader").put("address", l.address()).put("epoch", l.epoch()),
                () -> json.putNull("leader"));
        json.put("quorum", view.quorum());
        view.masters().forEach(json.putArray("masters")::add);
        view.members().forEach(json.putArray("members")::add);
        json.put("replicas_in_sync", replicasInSync);
        Replies.json(request.response(), 200, MezzoJson.write(json));
    }

    public int port() {
        return loopServers.port();
    }

    @Override
    public void close() {
        loopServers.close();
    }
}
