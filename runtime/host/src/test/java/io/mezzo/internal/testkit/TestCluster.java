package io.mezzo.internal.testkit;

import io.mezzo.allocator.drf.DrfAllocator;
import io.mezzo.api.Resources;
import io.mezzo.internal.agent.Agent;
import io.mezzo.internal.agent.AgentConfig;
import io.mezzo.internal.agent.AgentSnapshot;
import io.mezzo.internal.agent.MasterAddress;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.hosting.HostedFrameworks;
import io.mezzo.internal.hosting.ScriptRuntime;
import io.mezzo.internal.hdfs.HdfsAccess;
import io.mezzo.internal.http.MasterHttpServer;
import io.mezzo.internal.master.AllocatorSource;
import io.mezzo.internal.master.InMemoryMasterStore;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterConfig;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.master.MasterStore;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.runtime.GuardedLauncher;
import io.mezzo.internal.security.AuthorizerHost;
import io.mezzo.internal.time.FakeTime;
import io.mezzo.internal.tls.ClientTls;
import io.mezzo.internal.tls.ServerTls;
import io.mezzo.launcher.ProcessLauncher;
import io.mezzo.internal.security.AuthenticationContext;
import io.mezzo.internal.security.AuthenticationPolicy;
import io.mezzo.internal.security.AuthenticatorSource;
import io.mezzo.internal.security.Credential;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.Authenticator;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.Launcher;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A master and real agents (real processes through the real launcher) in this JVM, on
 * loopback HTTP, with one fake clock for all of them: tests advance time instead of
 * sleeping.
 */
public final class TestCluster implements AutoCloseable {
    public final FakeTime time = new FakeTime();
    public final Vertx vertx = Vertx.vertx();
    public final PluginGuard guard = new PluginGuard();
    private final MasterStore store;
    private final Path workDir;
    private final int maxAgentPingTimeouts;
    /** Tests may change the master's configuration (weights, offer timeout, ...) before it starts. */
    private java.util.function.UnaryOperator<MasterConfig> configure = c -> c;
    /** Who must authenticate, and with which authenticator; empty: nobody is authenticated. */
    private Optional<AuthenticationPolicy> policy = Optional.empty();
    private Optional<Authenticator> authenticator = Optional.empty();
    private Optional<AuthenticationContext> authentication = Optional.empty();
    /** What the master and its HTTP API authorize with; the test that gives one closes it. */
    private AuthorizerHost authorizer = AuthorizerHost.allowingAll();
    private final List<Agent> agents = new ArrayList<>();
    private Optional<ServerTls> tls = Optional.empty();
    private Optional<ClientTls> agentTls = Optional.empty();
    private Optional<ScriptRuntime> scripts = Optional.empty();
    private Optional<HostedFrameworks> hosted = Optional.empty();
    private MasterHttpServer server;
    private Master master;
    private String url;

    private TestCluster(Path workDir, MasterStore store, int maxAgentPingTimeouts) {
        this.workDir = workDir;
        this.store = store;
        this.maxAgentPingTimeouts = maxAgentPingTimeouts;
    }

    /**
     * A cluster for tests with real agents: their heartbeats travel over real HTTP while the
     * fake clock jumps, so the master tolerates 20 missed intervals (5 min) instead of 5.
     */
    public static TestCluster start(Path workDir) {
        return start(workDir, new InMemoryMasterStore(), 20);
    }

    /** With Mesos's default of 5 missed intervals: for tests whose agents are simulated. */
    public static TestCluster startStrict(Path workDir, MasterStore store) {
        return start(workDir, store, 5);
    }

    private static TestCluster start(Path workDir, MasterStore store, int maxAgentPingTimeouts) {
        TestCluster c = new TestCluster(workDir, store, maxAgentPingTimeouts);
        c.startMaster();
        return c;
    }

    /** A cluster whose master starts with {@code configure} applied to the defaults. */
    public static TestCluster start(Path workDir, java.util.function.UnaryOperator<MasterConfig> configure) {
        TestCluster c = new TestCluster(workDir, new InMemoryMasterStore(), 20);
        c.configure = configure;
        c.startMaster();
        return c;
    }

    /** A cluster whose master (and its HTTP API) authorizes with {@code authorizer}. */
    public static TestCluster startAuthorized(Path workDir, AuthorizerHost authorizer) {
        TestCluster c = new TestCluster(workDir, new InMemoryMasterStore(), 20);
        c.authorizer = authorizer;
        c.startMaster();
        return c;
    }

    /**
     * A cluster whose master serves HTTPS only with {@code tls}, whose agents trust
     * {@code agentTls}, and which, given {@code scripts}, hosts framework scripts that call the
     * master back over {@link #url()}, as MasterService wires it.
     */
    public static TestCluster startTls(Path workDir, ServerTls tls, ClientTls agentTls,
                                       Optional<ScriptRuntime> scripts) {
        TestCluster c = new TestCluster(workDir, new InMemoryMasterStore(), 20);
        c.tls = Optional.of(tls);
        c.agentTls = Optional.of(agentTls);
        c.scripts = scripts;
        c.startMaster();
        return c;
    }

    /**
     * A cluster whose master authenticates as {@code policy} says, with {@code authenticator}
     * as its plugin (none: requests that need authentication get 503).
     */
    public static TestCluster startAuthenticated(Path workDir, AuthenticationPolicy policy,
                                                 Optional<Authenticator> authenticator) {
        TestCluster c = new TestCluster(workDir, new InMemoryMasterStore(), 20);
        c.policy = Optional.of(policy);
        c.authenticator = authenticator;
        c.startMaster();
        return c;
    }

    /** Starts (or restarts) the master on a fresh port over the same store. */
    public void startMaster() {
        server = new MasterHttpServer(vertx, time, "test");
        authentication.ifPresent(AuthenticationContext::close);
        authentication = policy.map(p -> AuthenticationContext.open(p, AuthenticatorSource.fixed(authenticator.map(
                a -> new Plugin<Authenticator>(a, "test-authenticator", 0, "io.mezzo.test", "test", 3))), guard, time));
        authentication.ifPresent(server::authenticateWith);
        int port = server.listen("127.0.0.1", 0, tls).await();
        MasterConfig d = MasterConfig.defaults("127.0.0.1", "127.0.0.1", port);
        MasterConfig config = configure.apply(d.withAgentPing(d.agentPingTimeout(), maxAgentPingTimeouts));
        MasterInfo info = new MasterInfo(UUID.randomUUID().toString(), "127.0.0.1", port, "127.0.0.1", "test");
        Plugin<Allocator> drf = new Plugin<>(new DrfAllocator(), "drf", 0, "io.mezzo.allocator.drf", "test", 1);
        master = new Master(config, info, time, store, AllocatorSource.fixed(drf), guard, Map.of("cluster", "test"),
                authorizer);
        master.start().join();
        url = server.scheme() + "://127.0.0.1:" + port;
        hosted.ifPresent(HostedFrameworks::close);
        hosted = scripts.map(s -> new HostedFrameworks(s, List.of(URI.create(url)), time,
                HostedFrameworks.DEFAULT_HISTORY));
        server.serve(master, hosted);
    }

    /** Stops the master as MasterService does: the master first, then its server. */
    public void stopMaster() {
        master.close();
        server.close();
    }

    public String url() {
        return url;
    }

    public Master master() {
        return master;
    }

    /** The master's authentication, when the cluster was started with a policy. */
    public Optional<AuthenticationContext> authentication() {
        return authentication;
    }

    /** Starts a real agent with these resources and waits until the master has it. */
    public Agent addAgent(String resources) {
        return addAgent(resources, Optional.empty());
    }

    /** Starts a real agent that authenticates with {@code credential}, and waits until the master has it. */
    public Agent addAgent(String resources, Optional<Credential> credential) {
        return addAgent(resources, c -> c.withCredential(credential), HdfsAccess.none(AgentConfig.defaultHdfs()));
    }

    /**
     * Starts a real agent with these resources, its configuration changed by {@code configure}
     * (fetcher flags, say), fetching {@code hdfs://} URIs through {@code hdfs}, and waits until
     * the master has it.
     */
    public Agent addAgent(String resources, java.util.function.UnaryOperator<AgentConfig> configure,
                          HdfsClient hdfs) {
        int before = snapshot().agents().size();
        Agent agent = startAgent(resources, configure, hdfs);
        await("agent " + (agents.size() - 1) + " registered", s -> s.agents().size() > before
                && s.agents().stream().allMatch(MasterSnapshot.AgentView::connected));
        return agent;
    }

    /** Starts a real agent without waiting for its registration (which may be refused). */
    public Agent startAgent(String resources, Optional<Credential> credential) {
        return startAgent(resources, c -> c.withCredential(credential), HdfsAccess.none(AgentConfig.defaultHdfs()));
    }

    private Agent startAgent(String resources, java.util.function.UnaryOperator<AgentConfig> configure,
                             HdfsClient hdfs) {
        int index = agents.size();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        AgentConfig config = configure.apply(AgentConfig.of(List.of(new MasterAddress("127.0.0.1", port)),
                workDir.resolve("agent-" + index), "127.0.0.1", Resources.parse(resources)).withTls(agentTls));
        Plugin<Launcher> process = new Plugin<>(new ProcessLauncher(), "process", 0, "io.mezzo.launcher", "test", 2);
        GuardedLauncher launcher = new GuardedLauncher(() -> Optional.of(process), guard);
        Agent agent = new Agent(config, vertx, time, launcher::ifAvailable, new Random(index), hdfs);
        agents.add(agent);
        agent.start();
        return agent;
    }

    /** The master's hosted framework scripts, when it hosts any. */
    public Optional<HostedFrameworks> hosted() {
        return hosted;
    }

    public Agent agent(int index) {
        return agents.get(index);
    }

    public AgentSnapshot agentSnapshot(int index) {
        return agents.get(index).snapshot().join();
    }

    public MasterSnapshot snapshot() {
        return master.snapshot().join();
    }

    /**
     * Lets every command already queued on the master run, and the commands those queue
     * (a few hops deep): afterwards the master has finished reacting to what came before.
     */
    public void settle() {
        for (int i = 0; i < 6; i++) {
            master.snapshot().join();
        }
    }

    public void advance(Duration by) {
        time.advance(by);
        settle();
    }

    /** Polls the master's snapshot until {@code condition} holds (bounded). */
    public MasterSnapshot await(String what, Predicate<MasterSnapshot> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            MasterSnapshot s = snapshot();
            if (condition.test(s)) {
                return s;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for: " + what + "; state: " + snapshot());
    }

    @Override
    public void close() {
        hosted.ifPresent(HostedFrameworks::close);
        agents.forEach(Agent::close);
        if (master != null) {
            master.close();
        }
        if (server != null) {
            server.close();
        }
        authentication.ifPresent(AuthenticationContext::close);
        vertx.close().await();
    }
}
