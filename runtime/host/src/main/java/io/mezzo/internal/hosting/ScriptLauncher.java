package io.mezzo.internal.hosting;

import io.mezzo.internal.js.RunningFramework;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.security.BasicCredentials;
import io.mezzo.internal.security.HostedCredentials;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Starts one script for {@link HostedFrameworks}, on its worker thread: issues the script a
 * secret for its principal, opens its scheduler connection to the masters and evaluates it.
 * What it started is not registered yet; when it cannot start, nothing of it is left (the
 * connection is closed, the secret revoked).
 */
final class ScriptLauncher {
    // The registry's logger: this is a part of its work, and log configuration names it.
    private static final Logger LOG = System.getLogger(HostedFrameworks.class.getName());

    private final ScriptRuntime runtime;
    private final List<URI> masters;
    private final Optional<HostedCredentials> credentials;

    /** A running script and the secret it holds, which the registry revokes when the script ends. */
    record Started(HostedEntry entry, Optional<BasicCredentials> credential) {}

    ScriptLauncher(ScriptRuntime runtime, List<URI> masters, Optional<HostedCredentials> credentials) {
        this.runtime = runtime;
        this.masters = List.copyOf(masters);
        this.credentials = credentials;
    }

    /**
     * @param subscribed told, on the script's connection thread, each framework id the master
     *                   assigns (or confirms), with the script's entry
     */
    Started start(ScriptSource script, StoredHosted how, BiConsumer<HostedEntry, String> subscribed)
            throws ScriptException {
        Optional<BasicCredentials> credential = credentials.map(c -> c.issue(how.principal()));
        Map<String, String> headers = credential.map(c -> Map.of("Authorization", c.header())).orElse(Map.of());
        // The script may subscribe before its entry exists: an id heard that early waits in
        // early[0] and is applied once the entry is set (both under the lock on self).
        HostedEntry[] self = new HostedEntry[1];
        String[] early = new String[1];
        HostedConnection connection;
        try {
            connection = new HostedConnection(runtime.connector().apply(masters, () -> headers), how.frameworkId(),
                    id -> {
                        HostedEntry known;
                        synchronized (self) {
                            known = self[0];
                            if (known == null) {
                                early[0] = id;
                            }
                        }
                        if (known != null) {
                            subscribed.accept(known, id);
                        }
                    });
        } catch (RuntimeException e) {
            revoke(credential);
            throw e;
        }
        RunningFramework running;
        try {
            running = runtime.host().get().start(script, how.params(), connection);
        } catch (ScriptException | RuntimeException e) {
            closeQuietly(connection);
            revoke(credential);
            throw e;
        }
        HostedEntry entry = new HostedEntry(how, running, connection);
        String heard;
        synchronized (self) {
            self[0] = entry;
            heard = early[0];
        }
        if (heard != null) {
            entry.frameworkId = heard;
        }
        return new Started(entry, credential);
    }

    void revoke(Optional<BasicCredentials> credential) {
        credential.ifPresent(c -> credentials.ifPresent(all -> all.revoke(c)));
    }

    private static void closeQuietly(SchedulerConnection connection) {
        try {
            connection.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing an unused scheduler connection failed", e);
        }
    }
}
