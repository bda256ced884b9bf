package io.mezzo.internal.cli;

import io.mezzo.internal.runtime.HostRuntime;
import io.mezzo.internal.runtime.MasterSecurity;
import io.mezzo.internal.runtime.MasterService;
import io.mezzo.internal.runtime.MezzoHome;
import io.mezzo.internal.tls.ServerTls;
import io.mezzo.internal.security.AuthenticationPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "master", mixinStandardHelpOptions = true,
        description = "Run a master: it keeps the cluster's state, offers agents' resources to frameworks through"
                + " the allocator plugin and serves the Mesos v1 Scheduler and operator APIs. It hosts framework"
                + " scripts submitted with 'mezzo submit' or dropped (*.js) into its deploy directory."
                + " For high availability run three (or five) masters, each given the same --masters list: the"
                + " oldest master that sees a majority leads, standbys answer 307 to the leader, and a new leader"
                + " with a higher epoch takes over within seconds of a failure (see docs/high-availability.md).")
final class MasterCommand implements Callable<Integer> {
    @Mixin
    MasterOptions master;

    @Mixin
    AuthenticationOptions authentication;

    @Mixin
    CommonOptions common;

    @Mixin
    TlsOptions.Server tls;

    @Mixin
    AuthorizationOptions authorization;

    @Option(names = {"--callback-timeout", "--callback_timeout"}, defaultValue = "10secs",
            converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest a hosted script's callback may run before its framework fails"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration callbackTimeout;

    @Override
    public Integer call() {
        Optional<ServerTls> serverTls = tls.serverTls();
        Lifecycle lifecycle = new Lifecycle();
        AuthenticationPolicy policy = authentication.policy();
        Map<String, String> flags = master.flags(common, "master");
        authentication.addTo(flags);
        try {
            HostRuntime runtime = lifecycle.add(HostRuntime.start(MezzoHome.locate(), common.workDir("master"),
                    common.deployDir("master")));
            flags.putAll(tls.flags());
            flags.putAll(authorization.flags());
            MasterService service = lifecycle.add(MasterService.start(runtime, master.config(),
                    master.clustering(Optional.ofNullable(common.workDir).map(d -> common.workDir("master"))), flags,
                    Optional.of(JsRuntime.forHosting(callbackTimeout, serverTls.map(ServerTls::hostedTrust))),
                    new MasterSecurity(serverTls, policy, authorization.settings())));
            System.out.println("Mezzo master at " + service.url());
        } catch (RuntimeException e) {
            lifecycle.closeAll();
            throw e;
        }
        return lifecycle.runUntilStopped("master");
    }
}
