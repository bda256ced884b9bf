package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.scheduler.SchedulerConnection;
import io.mezzo.internal.time.TimeSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs framework scripts on the process's shared {@link JsEngine}: each script in its own
 * sandboxed context and on its own thread, subscribed as a MULTI_ROLE framework of the OS
 * user running Mezzo.
 */
public final class JsScriptHost implements ScriptHost {
    /** How long one callback may run before the script is stopped, unless configured. */
    public static final Duration DEFAULT_CALLBACK_LIMIT = Duration.ofSeconds(10);

    private final JsEngine engine;
    private final TimeSource time;
    private final Duration callbackLimit;
    private final String user;
    private final HdfsBridge hdfs;

    public JsScriptHost(JsEngine engine, TimeSource time, Duration callbackLimit) {
        this(engine, time, callbackLimit, System.getProperty("user.name"));
    }

    /** Scripts whose {@code ctx.hdfs} reaches the HDFS of {@code hdfs}. */
    public JsScriptHost(JsEngine engine, TimeSource time, Duration callbackLimit, HdfsBridge hdfs) {
        this(engine, time, callbackLimit, System.getProperty("user.name"), hdfs);
    }

    /** {@code user} is the {@code FrameworkInfo.user} of every script, which tasks run as. */
    public JsScriptHost(JsEngine engine, TimeSource time, Duration callbackLimit, String user) {
        this(engine, time, callbackLimit, user, HdfsBridge.none());
    }

    public JsScriptHost(JsEngine engine, TimeSource time, Duration callbackLimit, String user, HdfsBridge hdfs) {
        if (callbackLimit.isNegative() || callbackLimit.isZero()) {
            throw new IllegalArgumentException("callback limit must be positive, not " + callbackLimit);
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("a framework user is required");
        }
        this.engine = engine;
        this.time = time;
        this.callbackLimit = callbackLimit;
        this.user = user;
        this.hdfs = hdfs;
    }

    @Override
    public RunningFramework start(ScriptSource script, ObjectNode params, SchedulerConnection connection)
            throws ScriptException {
        JsFramework framework = new JsFramework(script, connection, time, callbackLimit, hdfs);
        ScriptExport export = framework.load(engine, params);
        framework.subscribe(export.frameworkInfo(user));
        return framework;
    }

    @Override
    public void check(ScriptSource script, ObjectNode params) throws ScriptException {
        JsFramework framework = new JsFramework(script, UNSUBSCRIBED, time, callbackLimit, hdfs);
        try {
            framework.load(engine, params).frameworkInfo(user);
        } finally {
            framework.abandon();
        }
    }

    /** The connection of a script that is only checked: its callbacks never run, so nothing is sent. */
    private static final SchedulerConnection UNSUBSCRIBED = new SchedulerConnection() {
        @Override
        public void start(ObjectNode frameworkInfo, Listener listener) {
            throw new IllegalStateException("a script that is only checked is not subscribed");
        }

        @Override
        public CompletableFuture<Void> send(ObjectNode call) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("a script that is only checked sends no calls"));
        }

        @Override
        public void close() {
        }
    };
}
