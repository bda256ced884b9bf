package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.api.CommandSpec;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.LaunchSpec;
import io.mezzo.internal.agent.fetch.FetchException;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.spi.LaunchException;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;

/**
 * The blocking part of a {@link TaskRunner}'s launch, run on a worker: the sandbox, the JS
 * task's files, the fetch, the launch itself. Its outcome goes back to the agent's actor.
 */
final class TaskLaunch {
    private static final Logger LOG = System.getLogger(TaskLaunch.class.getName());
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** Where the outcome goes, on the actor. */
    interface Outcome {
        void launched(Path sandbox, RunningContainer started, OptionalLong startedMillis);

        void launchFailed(String message);
    }

    private final TaskRunner.Context context;
    private final AgentId agentId;
    private final FrameworkId frameworkId;
    private final FrameworkInfo framework;
    private final TaskSpec task;
    private final ContainerId containerId;
    private final Optional<JsTask> js;
    private final Outcome outcome;

    TaskLaunch(TaskRunner.Context context, AgentId agentId, FrameworkId frameworkId, FrameworkInfo framework,
               TaskSpec task, ContainerId containerId, Optional<JsTask> js, Outcome outcome) {
        this.context = context;
        this.agentId = agentId;
        this.frameworkId = frameworkId;
        this.framework = framework;
        this.task = task;
        this.containerId = containerId;
        this.js = js;
        this.outcome = outcome;
    }

    void run() {
        Path dir;
        try {
            dir = Sandbox.create(context.workDir(), agentId, frameworkId, task.taskId(), containerId);
        } catch (IOException | RuntimeException e) {
            back(() -> outcome.launchFailed("cannot create the sandbox: " + e.getMessage()));
            return;
        }
        if (js.isPresent()) {
            try {
                js.get().writeInto(dir);
            } catch (IOException | RuntimeException e) {
                back(() -> outcome.launchFailed("cannot write the JS task into the sandbox: " + e.getMessage()));
                return;
            }
        }
        if (!task.command().uris().isEmpty()) {
            try {
                context.fetcher().fetch(task.command().uris(), dir, taskUser());
            } catch (FetchException e) {
                back(() -> outcome.launchFailed(e.getMessage()));
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "fetcher failed on task '" + task.taskId() + "'", e);
                back(() -> outcome.launchFailed("the fetcher failed: " + e));
                return;
            }
        }
        // After the fetch, so the fetched files belong to the task's user too.
        LaunchSpec spec = spec(dir);
        if (spec.user().isPresent()) {
            try {
                Sandbox.giveTo(dir, spec.user().get());
            } catch (IOException | RuntimeException e) {
                back(() -> outcome.launchFailed("cannot give the sandbox to the task's user: " + e.getMessage()));
                return;
            }
        }
        RunningContainer started;
        try {
            Launcher launcher = context.launcher().get().orElseThrow(
                    () -> new LaunchException("no launcher is available on this agent"));
            started = launcher.launch(spec);
        } catch (LaunchException e) {
            back(() -> outcome.launchFailed(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "launcher failed on task '" + task.taskId() + "'", e);
            back(() -> outcome.launchFailed("the launcher failed: " + e));
            return;
        }
        OptionalLong startedMillis = startedMillis(started.pid());
        try {
            context.actor().execute(() -> outcome.launched(dir, started, startedMillis));
        } catch (RejectedExecutionException e) {
            // The agent closed while we were launching: nobody will ever look after it.
            started.destroy();
        }
    }

    /**
     * When the operating system says process {@code pid} started; with the pid it names one
     * process for good (a pid alone may be given to another process once this one is gone).
     */
    static OptionalLong startedMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant())
                .map(instant -> OptionalLong.of(instant.toEpochMilli())).orElse(OptionalLong.empty());
    }

    private void back(Runnable step) {
        try {
            context.actor().execute(step);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "agent closed before the launch outcome of task '" + task.taskId() + "' arrived");
        }
    }

    /** The user Mesos fetches for (and keys the cache by): CommandInfo's, else the framework's. */
    private Optional<String> taskUser() {
        return task.command().user().or(() -> Optional.of(framework.user())).filter(u -> !u.isBlank());
    }

    /** With checkpointing, the command runs under {@link RecordedExit}'s wrapper. */
    private LaunchSpec spec(Path dir) {
        Optional<String> user = Optional.empty();
        if (context.switchUser()) {
            // Mesos runs the command as CommandInfo.user, else as the framework's user.
            user = taskUser();
        }
        CommandSpec command = js.map(j -> j.command(context.jsHdfs().bundleJar().get()))
                .orElseGet(() -> task.command().toSpec());
        if (context.recordExits()) {
            command = RecordedExit.wrap(command, dir);
        }
        return new LaunchSpec(containerId, dir, command, environment(context.agentEnvironment(), dir), user,
                task.resources());
    }

    /**
     * What the process sees: the agent's PATH (and LANG), the MESOS_* variables, a JS task's
     * HDFS settings, then the task's own.
     */
    private Map<String, String> environment(Map<String, String> agentEnvironment, Path dir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", agentEnvironment.getOrDefault("PATH", DEFAULT_PATH));
        if (agentEnvironment.containsKey("LANG")) {
            env.put("LANG", agentEnvironment.get("LANG"));
        }
        env.put("MESOS_SANDBOX", dir.toString());
        env.put("MESOS_DIRECTORY", dir.toString());
        env.put("MESOS_TASK_ID", task.taskId().value());
        env.put("MESOS_FRAMEWORK_ID", frameworkId.value());
        env.put("MESOS_AGENT_ID", agentId.value());
        env.put("MESOS_EXECUTOR_ID", task.taskId().value());
        env.put("MESOS_CONTAINER_ID", containerId.value());
        if (js.isPresent()) {
            env.putAll(context.jsHdfs().environment());
        }
        env.putAll(task.command().environment());
        return env;
    }
}
