package io.mezzo.internal.cli;

import io.mezzo.api.Ranges;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Roles;
import io.mezzo.internal.agent.AgentConfig;
import io.mezzo.internal.agent.AgentResources;
import io.mezzo.internal.agent.MasterAddress;
import io.mezzo.internal.agent.fetch.FetcherConfig;
import io.mezzo.internal.hdfs.EmbeddedHdfs;
import io.mezzo.internal.hdfs.HdfsAccess;
import io.mezzo.internal.js.HdfsBridge;
import io.mezzo.internal.runtime.AgentService;
import io.mezzo.internal.runtime.HostRuntime;
import io.mezzo.internal.runtime.MasterSecurity;
import io.mezzo.internal.runtime.MasterService;
import io.mezzo.internal.runtime.MezzoHome;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.js.FrameworkOutcome;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.spi.HdfsSettings;
import java.io.IOException;
import io.mezzo.internal.security.AuthenticationPolicy;
import io.mezzo.internal.security.Credential;
import java.net.URI;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Run a master and agents in this one process, on loopback by default. Prints the master's"
                + " URL; Ctrl-C stops everything and kills running tasks.",
                "With --work-dir, the cluster outlives a restart: the master keeps its state there and the agents"
                        + " their tasks, so a stop (or a crash) leaves running tasks running, and the next"
                        + " `mezzo local` with the same --work-dir takes up frameworks, agents and tasks again.",
                "With --framework, runs those framework scripts against the cluster once its agents registered,"
                        + " prints their result as JSON on the last line and stops: exit 0 when every framework"
                        + " finished, 1 (with the reasons) when one failed, 2 when a script does not load."},
        footer = {"%nExamples:  mezzo local --agents 2 --framework scripts/frameworks/pi.js --param tasks=8",
                "           mezzo local --hdfs --agents 2 --framework scripts/frameworks/wordcount.js"})
final class LocalCommand implements Callable<Integer> {
    @Option(names = "--agents", defaultValue = "1", paramLabel = "N",
            description = "How many agents to run (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--framework", paramLabel = "FILE",
            description = "A framework script to run to completion; repeat for several (their results are printed"
                    + " as one object keyed by file name).")
    List<Path> frameworks = new ArrayList<>();

    @Option(names = "--hdfs",
            description = "Also start an embedded single-node HDFS (on 127.0.0.1, storage under the work dir, gone"
                    + " when the process stops) and give its hdfs:// URI to the agents, the frameworks (ctx.hdfs)"
                    + " and their JS tasks (task.hdfs).")
    boolean embeddedHdfs;

    @Mixin
    ScriptOptions script;

    @Mixin
    HdfsOptions hdfs;

    @Mixin
    MasterOptions master;

    @Mixin
    AgentOptions agent;

    @Mixin
    AuthenticationOptions authentication;

    @Mixin
    CredentialOption credential;

    @Mixin
    CommonOptions common;

    @Mixin
    AuthorizationOptions authorization;

    @Override
    public Integer call() throws InterruptedException {
        if (agents < 0 || agents > 64) {
            throw new IllegalArgumentException("--agents must be between 0 and 64, not " + agents);
        }
        frameworks.stream().filter(f -> !Files.isRegularFile(f)).findFirst().ifPresent(f -> {
            throw new IllegalArgumentException("--framework: no framework script at " + f);
        });
        // A script that cannot run fails here, before a cluster is started for it.
        for (Path file : frameworks) {
            try {
                JsRuntime.scriptHost(script.callbackTimeout()).check(ScriptSource.of(file), script.paramsJson());
            } catch (ScriptException e) {
                System.err.println("mezzo: " + e.getMessage());
                return 2;
            }
        }
        if (embeddedHdfs && hdfs.hdfsDefaultFs != null) {
            throw new IllegalArgumentException("--hdfs starts an HDFS of its own: leave out --hdfs-default-fs "
                    + hdfs.hdfsDefaultFs);
        }
        AuthenticationPolicy policy = authentication.policy();
        Optional<Credential> presented = credential.credential();
        Map<String, String> flags = master.flags(common, "local");
        authentication.addTo(flags);
        flags.putAll(authorization.flags());
        Lifecycle lifecycle = new Lifecycle();
        MasterService service;
        HdfsBridge scriptHdfs;
        try {
            Path work = common.workDir("local");
            HostRuntime runtime = lifecycle.add(HostRuntime.start(MezzoHome.locate(), work, common.deployDir("local")));
            HdfsSettings hdfsSettings = embeddedHdfs ? startHdfs(work.resolve("hdfs"), lifecycle) : hdfs.settings();
            scriptHdfs = JsRuntime.hdfs(hdfsSettings,
                    lifecycle.add(new HdfsAccess(runtime.hdfs()::current, hdfsSettings)));
            // With an explicit --work-dir the master's state is mirrored there and comes back on restart.
            service = lifecycle.add(MasterService.start(runtime, master.config(),
                    master.clustering(Optional.ofNullable(common.workDir).map(d -> work)), flags,
                    Optional.of(JsRuntime.forHosting(script.callbackTimeout(), Optional.empty(), scriptHdfs)),
                    MasterSecurity.NONE.withAuthentication(policy).withAuthorization(authorization.settings())));
            startAgents(runtime, service, work, hdfsSettings, presented, lifecycle);
            awaitAgents(runtime, service, agents, Duration.ofSeconds(30));
            System.out.println("Mezzo master at " + service.url() + " with " + agents + " agent"
                    + (agents == 1 ? "" : "s"));
        } catch (RuntimeException e) {
            lifecycle.closeAll();
            throw e;
        }
        return frameworks.isEmpty() ? lifecycle.runUntilStopped("local cluster")
                : runFrameworks(service, lifecycle, presented, scriptHdfs);
    }

    private void startAgents(HostRuntime runtime, MasterService service, Path work, HdfsSettings hdfsSettings,
                             Optional<Credential> presented, Lifecycle lifecycle) {
        for (int i = 0; i < agents; i++) {
            Path agentWork = work.resolve("agents").resolve(Integer.toString(i));
            AgentConfig config = AgentConfig.of(List.of(new MasterAddress(master.ip, service.port())), agentWork,
                    master.hostname(), resourcesOf(i, agentWork)).withAttributes(agent.attributes())
                    .withSwitchUser(agent.switchUser).withCredential(presented).withHdfs(hdfsSettings)
                    .withCheckpoint(common.workDir != null);
            FetcherConfig fetcher = agent.fetcher();
            // Each agent empties its cache at start: several agents must not share one directory.
            int index = i;
            config = config.withFetcher(fetcher.withCache(
                    fetcher.cacheDir().map(d -> d.resolve("agent-" + index)), fetcher.cacheSize()));
            lifecycle.add(AgentService.start(runtime, config));
        }
    }

    /** Starts the embedded HDFS (stopped with the cluster); the settings name it as the default file system. */
    private HdfsSettings startHdfs(Path dir, Lifecycle lifecycle) {
        EmbeddedHdfs embedded;
        try {
            embedded = lifecycle.add(EmbeddedHdfs.start(dir));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded HDFS in " + dir + ": " + e.getMessage(), e);
        }
        System.out.println("HDFS at " + embedded.uri());
        return hdfs.settings(Optional.of(embedded.uri()));
    }

    /** Runs the --framework scripts through HTTP to the local master, like any client, then stops the cluster. */
    private int runFrameworks(MasterService service, Lifecycle lifecycle, Optional<Credential> presented,
                              HdfsBridge scriptHdfs)
            throws InterruptedException {
        List<URI> masters = List.of(URI.create("http://" + ("0.0.0.0".equals(master.ip) ? "127.0.0.1" : master.ip)
                + ":" + service.port()));
        ClientFrameworks running;
        try {
            running = ClientFrameworks.start(frameworks, JsRuntime.scriptHost(script.callbackTimeout(), scriptHdfs),
                    m -> JsRuntime.connect(m, Optional.empty(), presented), masters, script.paramsJson(),
                    lifecycle::closeAll);
        } catch (ScriptException e) {
            lifecycle.closeAll();
            System.err.println("mezzo: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            lifecycle.closeAll();
            throw e;
        }
        List<FrameworkOutcome> outcomes = running.await();
        // The cluster stops before the result is printed, so the result stays the last line.
        lifecycle.closeAll();
        return running.report(outcomes, System.out, System.err);
    }

    /** Announces the cluster only once its agents are registered, so the first /state shows them. */
    private static void awaitAgents(HostRuntime runtime, MasterService service, int expected, Duration limit) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Runnable check = new Runnable() {
            @Override
            public void run() {
                service.master().snapshot().thenAccept(s -> {
                    if (s.agents().stream().filter(MasterSnapshot.AgentView::connected).count() >= expected) {
                        ready.complete(null);
                    } else if (!ready.isDone()) {
                        runtime.time.schedule(Duration.ofMillis(50), this);
                    }
                });
            }
        };
        check.run();
        try {
            ready.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ready.complete(null);
            System.err.println("mezzo: not every agent registered within " + limit.toSeconds() + " s; see the log");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the master's state: " + e.getCause(), e);
        }
    }

    /**
     * Each agent gets the given (or detected) resources; agents on one host must not share
     * ports, so unless --resources names ports, agent i gets its own 1000-port range.
     */
    private Resources resourcesOf(int index, Path agentWork) {
        Optional<Resources> given = agent.resources();
        Resources detected = AgentResources.detect(agentWork, given);
        if (given.map(r -> r.names().contains("ports")).orElse(false)) {
            return detected;
        }
        long begin = 31000L + 1000L * index;
        return detected.filter(r -> !r.name().equals("ports"))
                .plus(new Resource("ports", Roles.DEFAULT, Ranges.of(begin, begin + 999)));
    }
}
