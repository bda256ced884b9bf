package io.mezzo.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the loggers of the parts a {@link Rehearsal} runs (master, agent, HTTP API, scheduler
 * client) at WARNING while it runs, and gives them back their levels after. A standby's own
 * code logs nothing there at INFO or below, so what is left out is the rehearsal's. When the
 * master is elected during a rehearsal, the leader's parts ({@link #LEADER_PACKAGES}) speak
 * again at once ({@link #restoreLeaderParts}) while the agents and the framework, which a
 * master process does not otherwise run, stay quiet until they are closed.
 * Thread-safe; restoring is harmless when nothing was applied.
 */
final class QuietLogs {
    static final List<String> LEADER_PACKAGES = List.of("io.mezzo.internal.master", "io.mezzo.internal.http");
    static final List<String> PACKAGES = List.of("io.mezzo.internal.master", "io.mezzo.internal.http",
            "io.mezzo.internal.agent", "io.mezzo.internal.scheduler");

    /** The loggers quieted and their levels before (null: inherited), held strongly while quiet. */
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> before = new ArrayList<>();
    /** Set by {@link #restoreLeaderParts}: a later {@link #apply} leaves those loggers alone. */
    private boolean leaderPartsBack;

    /** Raises every logger of {@link #PACKAGES} whose level lets INFO through to WARNING. */
    synchronized void apply() {
        if (!loggers.isEmpty()) {
            return;
        }
        for (String name : PACKAGES) {
            if (leaderPartsBack && LEADER_PACKAGES.contains(name)) {
                continue;
            }
            Logger logger = Logger.getLogger(name);
            if (logger.isLoggable(Level.INFO)) {
                loggers.add(logger);
                before.add(logger.getLevel());
                logger.setLevel(Level.WARNING);
            }
        }
    }

    /** Gives the master's and the HTTP API's loggers their levels back. */
    synchronized void restoreLeaderParts() {
        leaderPartsBack = true;
        for (int i = loggers.size() - 1; i >= 0; i--) {
            if (LEADER_PACKAGES.contains(loggers.get(i).getName())) {
                loggers.remove(i).setLevel(before.remove(i));
            }
        }
    }

    /** Gives every logger its level back. */
    synchronized void restore() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).setLevel(before.get(i));
        }
        loggers.clear();
        before.clear();
    }
}
