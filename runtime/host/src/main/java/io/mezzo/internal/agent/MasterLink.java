package io.mezzo.internal.agent;

import io.mezzo.api.AgentId;
import io.mezzo.internal.protocol.AgentCall;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.security.Credential;
import io.mezzo.internal.time.TimeSource;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Keeps the agent registered with a master. It registers, heartbeats, notices a lost or
 * silent master, and re-registers with backoff as Mesos does: after losing a master it
 * waits a random time up to the backoff factor, each failed attempt doubles that bound (at
 * most a minute), and each attempt goes to the next master in the list. A 307 is followed
 * at once. All waiting is on the agent's {@link TimeSource}.
 *
 * <p>Confined to the agent's actor: connections and timers only post back to it.
 */
final class MasterLink {
    private static final Logger LOG = System.getLogger(MasterLink.class.getName());

    /** The agent, as the link sees it; called on the actor. */
    interface Owner {
        /** The REGISTER call to send now (a re-registration carries the agent's tasks). */
        AgentCall.Register registration();

        void registered(AgentEvent.Registered registered, MasterAddress master);

        /** LAUNCH_TASK, KILL_TASK, ACKNOWLEDGE and SHUTDOWN_FRAMEWORK from the registered master. */
        void handle(AgentEvent event);

        void disconnected();
    }

    private final List<MasterAddress> masters;
    private final Optional<Credential> credential;
    private final Duration backoffFactor;
    private final HttpClient http;
    private final Context loop;
    private final TimeSource time;
    private final Executor actor;
    private final RandomGenerator random;
    private final Owner owner;
    private final MasterConnection.Listener listener = new ConnectionListener();

    private int nextMaster;
    private Optional<MasterAddress> redirect = Optional.empty();
    private int failedAttempts;
    private int redirectsInARow;
    private boolean started;
    private boolean closed;
    /** Bumped whenever a connection ends, so timers armed for it do nothing. */
    private long epoch;
    private TimeSource.Cancellable timer;

    private MasterConnection connection;
    private boolean registered;
    private AgentId agentId;
    private Duration heartbeatInterval = AgentProtocol.DEFAULT_HEARTBEAT_INTERVAL;
    private Instant lastHeard;

    MasterLink(AgentConfig config, HttpClient http, Context loop, TimeSource time, Executor actor,
               RandomGenerator random, Owner owner) {
        this.masters = config.masters();
        this.credential = config.credential();
        this.backoffFactor = config.registrationBackoffFactor();
        this.http = http;
        this.loop = loop;
        this.time = time;
        this.actor = actor;
        this.random = random;
        this.owner = owner;
    }

    /** Registers with the first master at once. */
    void start() {
        if (!started && !closed) {
            started = true;
            attempt();
        }
    }

    boolean registered() {
        return registered;
    }

    /** The master this agent is registered with. */
    Optional<MasterAddress> master() {
        return registered ? Optional.of(connection.master()) : Optional.empty();
    }

    /** Sends a call on the current registration; without one it is dropped (updates are resent on registering). */
    void send(AgentCall call) {
        if (registered) {
            connection.send(call);
        }
    }

    void close() {
        closed = true;
        endConnection();
    }

    private void attempt() {
        MasterAddress target = redirect.orElse(masters.get(nextMaster));
        redirect = Optional.empty();
        AgentCall.Register register = owner.registration();
        LOG.log(Level.INFO, (register.agentId().isPresent() ? "re-registering as agent '"
                + register.agentId().get() + "' with " + register.tasks().size() + " task(s)" : "registering")
                + " with master " + target);
        connection = new MasterConnection(http, loop, actor, target, listener);
        lastHeard = time.instant();
        armTick(AgentProtocol.DEFAULT_HEARTBEAT_INTERVAL);
        connection.open(register, credential);
    }

    /**
     * Drops the current connection and tries again after a random wait: up to the backoff
     * factor after losing a registered master, twice the previous bound after each failed
     * attempt, at most {@link AgentConfig#MAX_REGISTRATION_BACKOFF}.
     */
    private void retry(String why) {
        boolean wasRegistered = registered;
        endConnection();
        if (closed) {
            return;
        }
        if (wasRegistered) {
            LOG.log(Level.WARNING, "lost master: " + why);
            failedAttempts = 0;
            owner.disconnected();
        } else {
            LOG.log(Level.WARNING, "registration failed: " + why);
        }
        Duration bound = backoffBound(backoffFactor, failedAttempts);
        failedAttempts++;
        redirectsInARow = 0;
        nextMaster = (nextMaster + 1) % masters.size();
        Duration wait = Duration.ofNanos((long) (random.nextDouble() * bound.toNanos()));
        LOG.log(Level.INFO, "registering again with master " + masters.get(nextMaster) + " in " + wait.toMillis() + " ms");
        long armed = epoch;
        timer = time.schedule(wait, () -> actor.execute(() -> {
            if (armed == epoch && !closed) {
                attempt();
            }
        }));
    }

    /** The longest wait before the next attempt: {@code factor·2^failures}, at most a minute. */
    static Duration backoffBound(Duration factor, int failures) {
        Duration bound = factor;
        for (int i = 0; i < failures && bound.compareTo(AgentConfig.MAX_REGISTRATION_BACKOFF) < 0; i++) {
            bound = bound.multipliedBy(2);
        }
        return bound.compareTo(AgentConfig.MAX_REGISTRATION_BACKOFF) < 0 ? bound : AgentConfig.MAX_REGISTRATION_BACKOFF;
    }

    private void endConnection() {
        epoch++;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (connection != null) {
            connection.close();
        }
        registered = false;
    }

    /**
     * One tick per heartbeat interval: give up on a master that has been silent for
     * {@link AgentProtocol#DEFAULT_MAX_MISSED_HEARTBEATS} intervals (also one that never
     * answered REGISTER), else send a HEARTBEAT once registered.
     */
    private void tick(long armed) {
        if (armed != epoch || closed) {
            return;
        }
        Duration silence = Duration.between(lastHeard, time.instant());
        Duration limit = heartbeatInterval.multipliedBy(AgentProtocol.DEFAULT_MAX_MISSED_HEARTBEATS);
        if (silence.compareTo(limit) >= 0) {
            retry("no word from master " + connection.master() + " for " + silence.toSeconds() + " s");
            return;
        }
        armTick(heartbeatInterval);
        if (registered) {
            connection.send(new AgentCall.Heartbeat(agentId));
        }
    }

    private void armTick(Duration interval) {
        if (timer != null) {
            timer.cancel();
        }
        long armed = epoch;
        timer = time.schedule(interval, () -> actor.execute(() -> tick(armed)));
    }

    private void onRegistered(AgentEvent.Registered event) {
        if (event.agentId() == null) {
            retry("master " + connection.master() + " sent REGISTERED without an agent id");
            return;
        }
        registered = true;
        failedAttempts = 0;
        redirectsInARow = 0;
        agentId = event.agentId();
        Duration interval = event.heartbeatInterval();
        heartbeatInterval = interval != null && !interval.isNegative() && !interval.isZero()
                ? interval : AgentProtocol.DEFAULT_HEARTBEAT_INTERVAL;
        armTick(heartbeatInterval);
        owner.registered(event, connection.master());
    }

    private final class ConnectionListener implements MasterConnection.Listener {
        @Override
        public void opened(MasterConnection c) {
            if (c == connection) {
                lastHeard = time.instant();
            }
        }

        @Override
        public void event(MasterConnection c, AgentEvent event) {
            if (c != connection || closed) {
                return;
            }
            lastHeard = time.instant();
            if (event instanceof AgentEvent.Registered r) {
                onRegistered(r);
            } else if (event instanceof AgentEvent.Error e) {
                retry("master " + c.master() + " sent ERROR: " + e.message());
            } else if (event instanceof AgentEvent.Heartbeat) {
                LOG.log(Level.TRACE, "heartbeat from master");
            } else if (!registered) {
                LOG.log(Level.WARNING, "ignoring " + event.getClass().getSimpleName() + " from master "
                        + c.master() + " before REGISTERED");
            } else {
                owner.handle(event);
            }
        }

        @Override
        public void refused(MasterConnection c, int status, String message, Optional<MasterAddress> to) {
            if (c != connection || closed) {
                return;
            }
            // Follow a leader redirect at once, but not round and round.
            if (status == 307 && to.isPresent() && redirectsInARow < masters.size() + 2) {
                LOG.log(Level.INFO, "master " + c.master() + " redirects to " + to.get());
                redirectsInARow++;
                endConnection();
                redirect = to;
                attempt();
                return;
            }
            retry("master " + c.master() + " answered REGISTER with " + status
                    + (message.isEmpty() ? "" : ": " + message));
        }

        @Override
        public void authenticationFailed(MasterConnection c, String why) {
            if (c == connection && !closed) {
                retry("authentication with master " + c.master() + " failed: " + why + "; retrying");
            }
        }

        @Override
        public void lost(MasterConnection c, String why) {
            if (c == connection && !closed) {
                retry(why);
            }
        }

        @Override
        public void callRejected(MasterConnection c, AgentCall call, int status, String message) {
            if (c != connection || closed) {
                return;
            }
            String what = call.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
            // 400/403 mean the master no longer knows this registration; 307 that it is no
            // longer the leader. Either way, register again.
            if (status == 400 || status == 403 || status == 307) {
                retry("master " + c.master() + " answered " + what + " with " + status
                        + (message.isEmpty() ? "" : ": " + message));
            } else {
                LOG.log(Level.WARNING, "master " + c.master() + " answered " + what + " with " + status
                        + (message.isEmpty() ? "" : ": " + message) + "; it will be resent if it matters");
            }
        }
    }
}
