package io.mezzo.internal.hosting;

import io.mezzo.internal.js.FrameworkOutcome;
import java.util.concurrent.CompletionException;

/** How {@link HostedFrameworks} records a script's end: the state and reason users read. */
final class ScriptEnding {
    private ScriptEnding() {
    }

    /**
     * Ends {@code entry} as its script's {@code outcome} says, or as FAILED for the runtime's own
     * {@code failure}. The caller holds the registry's monitor.
     */
    static void record(HostedEntry entry, FrameworkOutcome outcome, Throwable failure) {
        if (failure != null) {
            entry.end(Hosted.State.FAILED, "the script's runtime failed: " + cause(failure), null);
        } else {
            entry.end(state(outcome.kind()), endReason(entry, outcome), outcome.result());
        }
    }

    /** What failed, rather than the future's wrapper around it. */
    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** A stop we asked for is reported with our reason, whatever the script's session said last. */
    private static String endReason(HostedEntry entry, FrameworkOutcome outcome) {
        return outcome.kind() == FrameworkOutcome.Kind.STOPPED && entry.stopReason != null
                ? entry.stopReason : outcome.reason();
    }

    private static Hosted.State state(FrameworkOutcome.Kind kind) {
        switch (kind) {
            case FINISHED:
                return Hosted.State.FINISHED;
            case FAILED:
                return Hosted.State.FAILED;
            case STOPPED:
                return Hosted.State.STOPPED;
        }
        throw new AssertionError(kind);
    }
}
