package io.mezzo.internal.runtime;

import io.mezzo.api.ContainerId;
import io.mezzo.api.LaunchSpec;
import io.mezzo.api.Termination;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.container.PluginResult;
import io.mezzo.spi.LaunchException;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The agent's view of the launcher plugin: whichever launcher currently ranks highest,
 * called only through the plugin guard. A plugin that throws fails that one launch (the
 * task becomes TASK_FAILED with the reason), never the agent.
 */
public final class GuardedLauncher implements Launcher {
    private final Supplier<Optional<Plugin<Launcher>>> current;
    private final PluginGuard guard;

    public GuardedLauncher(Supplier<Optional<Plugin<Launcher>>> current, PluginGuard guard) {
        this.current = current;
        this.guard = guard;
    }

    /** For the agent: empty when no launcher plugin is installed. */
    public Optional<Launcher> ifAvailable() {
        return current.get().isPresent() ? Optional.of(this) : Optional.empty();
    }

    @Override
    public RunningContainer launch(LaunchSpec spec) throws LaunchException {
        Plugin<Launcher> plugin = current.get().orElseThrow(() -> new LaunchException("no launcher plugin is installed"));
        PluginResult<RunningContainer> result = guard.call(plugin, "launch", () -> plugin.service().launch(spec));
        if (result instanceof PluginResult.Ok<RunningContainer> ok) {
            return new Guarded(plugin, ok.value());
        }
        PluginResult.Failed<RunningContainer> failed = (PluginResult.Failed<RunningContainer>) result;
        if (LaunchException.class.getName().equals(failed.failure().exceptionClass())) {
            throw new LaunchException(failed.failure().message());
        }
        throw new LaunchException("launcher " + plugin.name() + " failed: " + failed.failure().exceptionClass()
                + (failed.failure().message().isEmpty() ? "" : ": " + failed.failure().message()));
    }

    @Override
    public Optional<RunningContainer> recover(ContainerId id, long pid) {
        Optional<Plugin<Launcher>> plugin = current.get();
        if (plugin.isEmpty()) {
            return Optional.empty();
        }
        PluginResult<Optional<RunningContainer>> result = guard.call(plugin.get(), "recover",
                () -> plugin.get().service().recover(id, pid));
        if (result instanceof PluginResult.Ok<Optional<RunningContainer>> ok && ok.value() != null) {
            return ok.value().map(c -> new Guarded(plugin.get(), c));
        }
        return Optional.empty();
    }

    /** A running container whose signal calls go through the guard too. */
    private final class Guarded implements RunningContainer {
        private final Plugin<Launcher> plugin;
        private final RunningContainer inner;

        Guarded(Plugin<Launcher> plugin, RunningContainer inner) {
            this.plugin = plugin;
            this.inner = inner;
        }

        @Override
        public ContainerId id() {
            return inner.id();
        }

        @Override
        public long pid() {
            return inner.pid();
        }

        @Override
        public CompletionStage<Termination> termination() {
            PluginResult<CompletionStage<Termination>> r = guard.call(plugin, "termination", inner::termination);
            if (r instanceof PluginResult.Ok<CompletionStage<Termination>> ok && ok.value() != null) {
                return ok.value();
            }
            return CompletableFuture.completedFuture(new Termination.Unknown("launcher failed to report termination"));
        }

        @Override
        public void terminate() {
            guard.run(plugin, "terminate", inner::terminate);
        }

        @Override
        public void destroy() {
            guard.run(plugin, "destroy", inner::destroy);
        }
    }
}
