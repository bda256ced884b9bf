package io.mezzo.internal.cli;

import io.mezzo.internal.hosting.ScriptRuntime;
import io.mezzo.internal.js.ScriptHost;
import io.mezzo.internal.scheduler.SchedulerConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the command line gets the JS runtime: the process's script host and scheduler
 * connections to the masters. Every command that runs or hosts scripts goes through here.
 */
final class JsRuntime {
    /** How long one callback may run before the framework is failed, unless --callback-timeout says. */
    static final Duration DEFAULT_CALLBACK_TIMEOUT = Duration.ofSeconds(10);

    private JsRuntime() {
    }

    /** The process's script host; scripts share its JS engine. */
    static ScriptHost scriptHost(Duration callbackTimeout) {
        throw new UnsupportedOperationException("wired by the lead");
    }

    /** A v1 scheduler session with the first of {@code masters} that answers (following the leader). */
    static SchedulerConnection connect(List<URI> masters) {
        throw new UnsupportedOperationException("wired by the lead");
    }

    /** Both, for a master that hosts scripts; the script host is made on first use. */
    static ScriptRuntime forHosting(Duration callbackTimeout) {
        return new ScriptRuntime(() -> scriptHost(callbackTimeout), JsRuntime::connect);
    }
}
