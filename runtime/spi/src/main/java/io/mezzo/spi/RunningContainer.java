package io.mezzo.spi;

import io.mezzo.api.ContainerId;
import io.mezzo.api.Termination;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/** A task's running process tree, as started or recovered by a {@link Launcher}. */
@ConsumerType
public interface RunningContainer {

    ContainerId id();

    /** The process id of the tree's root (also its process group id). */
    long pid();

    /** Completes once the root process has ended; never completes exceptionally. */
    CompletionStage<Termination> termination();

    /** Asks the whole process group to stop (SIGTERM). Harmless once it has ended. */
    void terminate();

    /** Forcibly stops the whole process group (SIGKILL). Harmless once it has ended. */
    void destroy();
}
