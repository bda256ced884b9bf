package io.mezzo.internal.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.internal.js.RunningFramework;
import java.time.Instant;
import java.util.Optional;

/**
 * One hosted script in {@link HostedFrameworks}' registry: how it was started (as stored) and
 * how it is doing. Guarded by the registry's monitor, except the framework id, which the
 * script's connection thread writes.
 */
final class HostedEntry {
    final StoredHosted started;
    final RunningFramework running; // null for a script that never started
    final HostedConnection connection; // null likewise
    volatile String frameworkId;
    Hosted.State state = Hosted.State.RUNNING;
    String reason;
    String stopReason;
    JsonNode result;
    /** Stopped because this master stepped down: the next leader runs it, so nothing is stored. */
    boolean suspended;

    HostedEntry(StoredHosted started, RunningFramework running, HostedConnection connection) {
        this.started = started;
        this.running = running;
        this.connection = connection;
        this.frameworkId = started.frameworkId().orElse(null);
    }

    String id() {
        return started.id();
    }

    void end(Hosted.State ended, String why, JsonNode endResult) {
        this.state = ended;
        this.reason = why;
        this.result = endResult;
    }

    Optional<String> frameworkId() {
        Optional<String> live = running == null ? Optional.empty() : running.frameworkId();
        return live.isPresent() ? live : Optional.ofNullable(frameworkId);
    }

    Hosted view() {
        return new Hosted(id(), started.script(), started.origin(), state, frameworkId(), Optional.ofNullable(reason),
                result, Instant.ofEpochMilli(started.submittedAtMillis()));
    }

    StoredHosted stored() {
        return started.with(state, frameworkId(), Optional.ofNullable(reason), result);
    }
}
