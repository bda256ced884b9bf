package io.mezzo.internal.hosting;

import io.mezzo.internal.js.ScriptHost;
import io.mezzo.internal.scheduler.SchedulerConnection;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What hosting needs from the JS runtime: the process's script host, made on first use so a
 * master that hosts no script never pays for the JS engine, and a way to open a scheduler
 * session to a list of masters (the first that answers, following the leader's redirect),
 * sending extra headers ({@code Authorization}) with every request.
 */
public record ScriptRuntime(Supplier<ScriptHost> host,
                            BiFunction<List<URI>, Supplier<Map<String, String>>, SchedulerConnection> connector) {
    public ScriptRuntime {
        if (host == null || connector == null) {
            throw new IllegalArgumentException("a script runtime needs a script host and a connector");
        }
        host = memoize(host);
    }

    /** A runtime whose connections send no extra headers (hosted scripts then cannot authenticate). */
    public ScriptRuntime(Supplier<ScriptHost> host, Function<List<URI>, SchedulerConnection> plainConnector) {
        this(host, (masters, headers) -> plainConnector.apply(masters));
    }

    private static Supplier<ScriptHost> memoize(Supplier<ScriptHost> make) {
        return new Supplier<>() {
            private ScriptHost made;

            @Override
            public synchronized ScriptHost get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }
}
