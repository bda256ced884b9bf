package io.mezzo.internal.agent;

import io.mezzo.api.ContainerId;
import io.mezzo.api.LaunchSpec;
import io.mezzo.launcher.ProcessLauncher;
import io.mezzo.spi.LaunchException;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link ProcessLauncher}, remembering what it started (by task id) and, when a
 * test holds the gate, keeping launches waiting until it opens.
 */
final class RecordingLauncher implements Launcher {
    private final ProcessLauncher real = new ProcessLauncher();
    final Map<String, RunningContainer> started = new ConcurrentHashMap<>();
    final Map<String, LaunchSpec> specs = new ConcurrentHashMap<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    final CountDownLatch waiting = new CountDownLatch(1);

    void holdLaunches() {
        gate = new CountDownLatch(1);
    }

    void releaseLaunches() {
        gate.countDown();
    }

    @Override
    public RunningContainer launch(LaunchSpec spec) throws LaunchException {
        String task = spec.environment().get("MESOS_TASK_ID");
        specs.put(task, spec);
        waiting.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new LaunchException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted");
        }
        RunningContainer container = real.launch(spec);
        started.put(task, container);
        return container;
    }

    @Override
    public Optional<RunningContainer> recover(ContainerId id, long pid) {
        return real.recover(id, pid);
    }

    RunningContainer container(String task) {
        Waits.until("a process for task '" + task + "'", () -> started.containsKey(task));
        return started.get(task);
    }
}
