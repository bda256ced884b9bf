package io.mezzo.spi;

import io.mezzo.api.ContainerId;
import io.mezzo.api.LaunchSpec;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs a task's command as an operating-system process tree in its sandbox.
 *
 * <p>The agent calls {@link #launch} on a worker thread (it may block while the process
 * starts) and then follows the process through the returned {@link RunningContainer}.
 * The agent, not the launcher, applies kill policies: it calls
 * {@link RunningContainer#terminate()} and, after the grace period on its own clock,
 * {@link RunningContainer#destroy()}.
 */
@ConsumerType
public interface Launcher {

    /**
     * Starts the command. Returns once the process exists; throws when it cannot be started,
     * with a message naming what went wrong.
     */
    RunningContainer launch(LaunchSpec spec) throws LaunchException;

    /**
     * Takes over a process started earlier, by this or another launcher (for example after
     * the launcher bundle was replaced). Empty when the process is gone (a zombie counts as gone).
     */
    Optional<RunningContainer> recover(ContainerId id, long pid);
}
