package io.mezzo.launcher;

import io.mezzo.api.CommandSpec;
import io.mezzo.api.ContainerId;
import io.mezzo.api.LaunchSpec;
import io.mezzo.spi.LaunchException;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Runs each task as a plain OS process tree, in its own session and process group, like
 * Mesos's posix launcher: no cgroups, namespaces or resource limits. Stateless, so
 * {@link #launch} may run on several threads at once.
 */
@Component(service = Launcher.class, property = {"service.ranking:Integer=0", "mezzo.plugin.name=process"})
public final class ProcessLauncher implements Launcher {
    private static final System.Logger LOG = System.getLogger(ProcessLauncher.class.getName());
    private static final File DEV_NULL = new File("/dev/null");
    /** Refuses what getent or setpriv could read as an option or a separator. */
    private static final Pattern USER_NAME = Pattern.compile("[^-:/\\s][^:/\\s]*");

    private final HostTools tools;
    private final AgentIdentity agent;
    private final UserAccounts accounts;
    private final GroupSignals signals;

    public ProcessLauncher() {
        this(HostTools.locate(), AgentIdentity.current());
    }

    ProcessLauncher(HostTools tools, AgentIdentity agent) {
        this.tools = tools;
        this.agent = agent;
        this.accounts = new UserAccounts(tools.getent());
        this.signals = new GroupSignals(tools.kill());
    }

    @Override
    public RunningContainer launch(LaunchSpec spec) throws LaunchException {
        Path sandbox = requireSandbox(spec.sandbox());
        CommandSpec command = spec.command();
        Path setsid = tools.setsid().orElseThrow(() -> new LaunchException(
                "cannot launch " + describe(command) + ": setsid (util-linux) is not installed"));
        Optional<CommandLine.RunAs> runAs = runAs(spec.user());
        Executables.requireRunnable(CommandLine.program(command), spec.environment(), sandbox);

        ProcessBuilder builder = new ProcessBuilder(CommandLine.build(setsid, runAs, command))
                .directory(sandbox.toFile())
                .redirectInput(DEV_NULL)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stdout").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stderr").toFile()));
        setEnvironment(builder.environment(), spec.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LaunchException("cannot launch " + describe(command) + ": " + e.getMessage(), e);
        }
        LOG.log(Level.DEBUG, () -> "launched container " + spec.container() + " as pid " + process.pid()
                + runAs.map(user -> " (uid " + user.uid() + ")").orElse(""));
        return ProcessGroupContainer.started(spec.container(), process, signals);
    }

    @Override
    public Optional<RunningContainer> recover(ContainerId id, long pid) {
        ProcessHandle self = ProcessHandle.current();
        if (pid == self.pid() || ProcStat.processGroupOf(self.pid()).orElse(-1) == pid) {
            // Signalling this "container" would stop the agent itself.
            LOG.log(Level.WARNING, "not recovering container " + id + ": pid " + pid
                    + " is the agent or leads the agent's process group");
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(process -> process.isAlive() && !ProcStat.isZombie(pid))
                .map(process -> ProcessGroupContainer.recovered(id, process, signals));
    }

    private static Path requireSandbox(Path sandbox) throws LaunchException {
        if (!Files.exists(sandbox)) {
            throw new LaunchException("sandbox '" + sandbox + "' does not exist");
        }
        if (!Files.isDirectory(sandbox)) {
            throw new LaunchException("sandbox '" + sandbox + "' is not a directory");
        }
        return sandbox;
    }

    /** Empty when the task runs as the agent's own user. */
    private Optional<CommandLine.RunAs> runAs(Optional<String> requested) throws LaunchException {
        if (requested.isEmpty() || requested.get().equals(agent.user())) {
            return Optional.empty();
        }
        String user = requested.get();
        if (!USER_NAME.matcher(user).matches()) {
            throw new LaunchException("invalid user name '" + user + "'");
        }
        UserAccounts.Account account = accounts.find(user)
                .orElseThrow(() -> new LaunchException("unknown user '" + user + "'"));
        if (!agent.root()) {
            throw new LaunchException("cannot run as user '" + user + "': the agent runs as '"
                    + agent.user() + "', not root");
        }
        Path setpriv = tools.setpriv().orElseThrow(() -> new LaunchException(
                "cannot run as user '" + user + "': setpriv (util-linux) is not installed"));
        return Optional.of(new CommandLine.RunAs(setpriv, account.uid(), account.gid()));
    }

    /**
     * The task gets exactly the given environment, nothing inherited from the agent.
     * ({@link LaunchSpec} already refused names with '=' or NUL and values with NUL.)
     */
    private static void setEnvironment(Map<String, String> target, Map<String, String> given) {
        target.clear();
        target.putAll(given);
    }

    private static String describe(CommandSpec command) {
        return "'" + command.value() + "'";
    }
}
