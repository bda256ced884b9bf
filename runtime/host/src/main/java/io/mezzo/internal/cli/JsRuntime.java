package io.mezzo.internal.cli;

import io.mezzo.internal.hosting.ScriptRuntime;
import io.mezzo.internal.js.JsEngine;
import io.mezzo.internal.js.JsScriptHost;
import io.mezzo.internal.js.ScriptHost;
import io.mezzo.internal.scheduler.HttpSchedulerConnection;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.time.SystemTime;
import io.mezzo.internal.security.Credential;
import io.mezzo.internal.tls.ClientTls;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the command line gets the JS runtime: the process's script host and scheduler
 * connections to the masters. Every command that runs or hosts scripts goes through here.
 *
 * <p>The GraalJS engine is a process singleton, started on first use (a master that never
 * runs a script never pays for it) and shared by every script in the process; it lives until
 * the process exits.
 */
final class JsRuntime {
    /** How long one callback may run before the framework is failed, unless --callback-timeout says. */
    static final Duration DEFAULT_CALLBACK_TIMEOUT = Duration.ofSeconds(10);

    private JsRuntime() {
    }

    /** A script host on the process's shared JS engine and clock. */
    static ScriptHost scriptHost(Duration callbackTimeout) {
        return new JsScriptHost(Shared.ENGINE, Shared.TIME, callbackTimeout);
    }

    /** A v1 scheduler session with the first of {@code masters} that answers (following the leader). */
    static SchedulerConnection connect(List<URI> masters) {
        return connect(masters, Optional.empty(), Optional.empty());
    }

    /**
     * As {@link #connect(List)}, trusting {@code tls} for https masters and sending
     * {@code credential} as HTTP Basic when there is one.
     */
    static SchedulerConnection connect(List<URI> masters, Optional<ClientTls> tls, Optional<Credential> credential) {
        return new HttpSchedulerConnection(masters, Shared.TIME, CredentialOption.headers(credential),
                tls.map(ClientTls::sslContext));
    }

    /** Both, for a master that hosts scripts; the script host is made on first use. */
    static ScriptRuntime forHosting(Duration callbackTimeout) {
        return forHosting(callbackTimeout, Optional.empty());
    }

    /**
     * As {@link #forHosting(Duration)}, for a master that serves TLS: its scripts trust
     * {@code tls}. Each script brings its own headers (its hosted credential).
     */
    static ScriptRuntime forHosting(Duration callbackTimeout, Optional<ClientTls> tls) {
        return new ScriptRuntime(() -> scriptHost(callbackTimeout),
                (masters, headers) -> new HttpSchedulerConnection(masters, Shared.TIME, headers,
                        tls.map(ClientTls::sslContext)));
    }

    /** Started when first touched (the JVM initializes this holder class once, thread-safely). */
    private static final class Shared {
        static final SystemTime TIME = new SystemTime();
        static final JsEngine ENGINE = new JsEngine();
    }
}
