package io.mezzo.internal.js;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A framework script that has been started against a master. */
public interface RunningFramework {

    /** The script's name ({@link ScriptSource#name()}). */
    String scriptName();

    /** The framework's name, as the script exports it. */
    String name();

    /** The framework id the master assigned, once subscribed. */
    Optional<String> frameworkId();

    /**
     * Completes once: when the script calls {@code ctx.finish(result)}, when it fails (a stuck
     * or throwing callback that the host gives up on, an {@code ERROR} event, the master
     * removing the framework), or when {@link #stop(String)} is called.
     */
    CompletableFuture<FrameworkOutcome> outcome();

    /**
     * Tears the framework down (its tasks are killed), closes its connection and context, and
     * completes {@link #outcome()} as {@link FrameworkOutcome.Kind#STOPPED} unless it already
     * completed. Safe to call more than once.
     */
    void stop(String reason);
}
