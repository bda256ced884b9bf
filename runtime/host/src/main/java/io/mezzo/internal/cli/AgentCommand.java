package io.mezzo.internal.cli;

import io.mezzo.internal.agent.AgentConfig;
import io.mezzo.internal.agent.AgentResources;
import io.mezzo.internal.agent.MasterAddress;
import io.mezzo.internal.runtime.AgentService;
import io.mezzo.internal.runtime.HostRuntime;
import io.mezzo.internal.runtime.MezzoHome;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run an agent: it registers its resources with the master and runs tasks in sandboxes"
                + " through the launcher plugin.")
final class AgentCommand implements Callable<Integer> {
    @Option(names = "--master", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "The masters' HTTP addresses; the agent registers with the leader. With --ssl-ca (or"
                    + " written https://HOST:PORT) it reaches them over HTTPS.")
    String masters;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "Name reported to the master (default: this machine's host name).")
    String hostname;

    @Option(names = "--checkpoint",
            description = "Record this agent's id and tasks under <work-dir>/meta. When it starts again with that"
                    + " work dir it takes up the tasks that still run (and reports those that ended meanwhile with"
                    + " their exit status) under its old id; when it stops it leaves running tasks running."
                    + " Without it a stop kills every task (default: off).")
    boolean checkpoint;

    @Mixin
    AgentOptions agent;

    @Mixin
    HdfsOptions hdfs;

    @Mixin
    CredentialOption credential;

    @Mixin
    CommonOptions common;

    @Mixin
    TlsOptions.Client tls;

    @Override
    public Integer call() throws Exception {
        Lifecycle lifecycle = new Lifecycle();
        try {
            TlsOptions.AgentMasters given = tls.agentMasters(masters);
            List<MasterAddress> addresses = MasterAddress.parseList(given.hostPorts());
            Path work = common.workDir("agent");
            HostRuntime runtime = lifecycle.add(HostRuntime.start(MezzoHome.locate(), work, common.deployDir("agent")));
            AgentConfig config = AgentConfig.of(addresses, work, hostname(), AgentResources.detect(work, agent.resources()))
                    .withAttributes(agent.attributes()).withSwitchUser(agent.switchUser).withTls(given.tls())
                    .withCredential(credential.credential()).withFetcher(agent.fetcher()).withHdfs(hdfs.settings())
                    .withLeaderProbeInterval(agent.leaderProbeInterval).withCheckpoint(checkpoint);
            lifecycle.add(AgentService.start(runtime, config));
            System.out.println("Mezzo agent " + config.hostname() + " offering " + config.resources()
                    + ", registering with " + masters);
        } catch (RuntimeException e) {
            lifecycle.closeAll();
            throw e;
        }
        return lifecycle.runUntilStopped("agent");
    }

    private String hostname() throws java.net.UnknownHostException {
        return hostname != null ? hostname : java.net.InetAddress.getLocalHost().getHostName();
    }
}
