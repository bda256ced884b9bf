package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.scheduler.SchedulerConnection;

/**
 * Runs framework scripts. One per process: every script gets its own sandboxed context on the
 * process's shared JS engine.
 */
public interface ScriptHost {

    /**
     * Evaluates {@code script} in a new sandboxed context and, if it exports a valid framework,
     * subscribes it through {@code connection} and drives its callbacks from the connection's
     * events. {@code params} is what the user passed ({@code --param k=v}), seen by the script
     * as {@code ctx.params}.
     *
     * @throws ScriptException when the script does not parse (file and line named), throws
     *                         while evaluated, or exports no valid framework; nothing is
     *                         subscribed then and {@code connection} is left unused
     */
    RunningFramework start(ScriptSource script, ObjectNode params, SchedulerConnection connection)
            throws ScriptException;

    /**
     * Evaluates {@code script} and checks its export as {@link #start} would, then discards it:
     * for failing fast before anything is started for the script. Its top level runs, in the
     * same sandbox; nothing is subscribed.
     *
     * @throws ScriptException as {@link #start} would
     */
    void check(ScriptSource script, ObjectNode params) throws ScriptException;
}
