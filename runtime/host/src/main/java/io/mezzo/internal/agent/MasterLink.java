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
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Keeps the agent registered with a master. It registers, heartbeats, notices a lost or
 * silent master, and re-registers with backoff as Mesos does: after losing a master it
 * waits a random time up to the backoff factor, each failed attempt doubles that bound (at
 * most a minute), and each attempt goes to the next master in the list. A 307 is followed
 * at once. All waiting is on the agent's {@link TimeSource}.
 *
 * <p>Epoch fencing: the link remembers the highest leadership epoch it has seen (REGISTERED,
 * {@code Mezzo-Epoch} headers, the {@link LeaderProbe}'s answers). A master whose stream or
 * REGISTERED carries a lower epoch is a deposed leader: the link closes that stream and moves
 * on to the next master. Events are only ever taken from the current stream, and not even
 * from it once a newer epoch is known. Epoch 0 (a master outside an elected cluster) is
 * accepted only while nothing higher was seen. A probe that names another leader with a
 * newer epoch than the current stream's makes the link re-register with it at once.
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
    private final LeaderProbe probe;
    private final Owner owner;
    private final MasterConnection.Listener listener = new ConnectionListener();

    private int nextMaster;
    private Optional<MasterAddress> redirect = Optional.empty();
    private int failedAttempts;
    private int redirectsInARow;
    /** Masters refused in a row for a stale epoch; past the list's size the link backs off. */
    private int staleInARow;
    private boolean started;
    private boolean closed;
    /** Bumped whenever a connection ends, so timers armed for it do nothing. */
    private long generation;
    private TimeSource.Cancellable timer;

    private MasterConnection connection;
    private boolean registered;
    private AgentId agentId;
    private Duration heartbeatInterval = AgentProtocol.DEFAULT_HEARTBEAT_INTERVAL;
    private Instant lastHeard;

    private static final long UNKNOWN_EPOCH = -1;
    /** The highest leadership epoch seen from any master; never goes down. */
    private long highestEpoch;
    /** The epoch of the current stream, {@link #UNKNOWN_EPOCH} until its header or REGISTERED tells. */
    private long streamEpoch = UNKNOWN_EPOCH;

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
        this.probe = new LeaderProbe(masters, config.leaderProbeInterval(), http, loop, time, actor,
                () -> connection == null || closed ? Optional.empty() : Optional.of(connection.master()),
                this::leaderSeen);
    }

    /** Registers with the first master at once. */
    void start() {
        if (!started && !closed) {
            started = true;
            attempt();
            probe.start();
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
        probe.close();
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
        long armed = generation;
        timer = time.schedule(wait, () -> actor.execute(() -> {
            if (armed == generation && !closed) {
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
        generation++;
        streamEpoch = UNKNOWN_EPOCH;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        registered = false;
    }

    /**
     * One tick per heartbeat interval: give up on a master that has been silent for
     * {@link AgentProtocol#DEFAULT_MAX_MISSED_HEARTBEATS} intervals (also one that never
     * answered REGISTER), else send a HEARTBEAT once registered.
     */
    private void tick(long armed) {
        if (armed != generation || closed) {
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
        long armed = generation;
        timer = time.schedule(interval, () -> actor.execute(() -> tick(armed)));
    }

    private void onRegistered(AgentEvent.Registered event) {
        if (event.agentId() == null) {
            retry("master " + connection.master() + " sent REGISTERED without an agent id");
            return;
        }
        if (!admitsEpoch(connection, event.epoch())) {
            return;
        }
        streamEpoch = event.epoch();
        registered = true;
        failedAttempts = 0;
        redirectsInARow = 0;
        staleInARow = 0;
        agentId = event.agentId();
        Duration interval = event.heartbeatInterval();
        heartbeatInterval = interval != null && !interval.isNegative() && !interval.isZero()
                ? interval : AgentProtocol.DEFAULT_HEARTBEAT_INTERVAL;
        armTick(heartbeatInterval);
        owner.registered(event, connection.master());
    }

    /**
     * Takes note of {@code epoch} from the master of connection {@code c}; if it is older
     * than one already seen, refuses that master (closes the stream, tries the next master)
     * and answers false.
     */
    private boolean admitsEpoch(MasterConnection c, long epoch) {
        if (epoch >= highestEpoch) {
            highestEpoch = epoch;
            return true;
        }
        String why = "ignoring master " + c.master() + ": its epoch " + epoch + " is older than " + highestEpoch;
        LOG.log(Level.WARNING, why);
        if (staleInARow < masters.size()) {
            staleInARow++;
            boolean wasRegistered = registered;
            endConnection();
            if (wasRegistered) {
                owner.disconnected();
            }
            nextMaster = (nextMaster + 1) % masters.size();
            attempt();
        } else {
            // Every master answered from an old term: wait for the cluster to settle.
            retry(why);
        }
        return false;
    }

    /**
     * A probed master named the leader. Moves there when it is another master with a newer
     * epoch than the current stream's (or than nothing yet, while REGISTER is pending), or
     * the same master in a newer term; stays otherwise.
     */
    private void leaderSeen(LeaderProbe.Answer answer) {
        if (closed || connection == null) {
            return;
        }
        if (answer.epoch() < highestEpoch) {
            LOG.log(Level.DEBUG, () -> "leader probe: master " + answer.asked() + " still names " + answer.leader()
                    + " of epoch " + answer.epoch() + ", older than " + highestEpoch);
            return;
        }
        highestEpoch = answer.epoch();
        MasterAddress current = connection.master();
        boolean same = answer.leader().equals(current);
        if (answer.epoch() <= streamEpoch || (same && !registered)) {
            return;
        }
        String known = streamEpoch == UNKNOWN_EPOCH ? "not known yet" : String.valueOf(streamEpoch);
        moveTo(answer.leader(), "master " + answer.asked() + " names " + answer.leader() + " leader with epoch "
                + answer.epoch() + "; the epoch of master " + current + " is " + known + "; re-registering with "
                + answer.leader());
    }

    /** Leaves the current master at once for {@code target} (its tasks go along, as on any re-registration). */
    private void moveTo(MasterAddress target, String why) {
        LOG.log(Level.INFO, why);
        boolean wasRegistered = registered;
        endConnection();
        if (wasRegistered) {
            owner.disconnected();
        }
        failedAttempts = 0;
        redirectsInARow = 0;
        redirect = Optional.of(target);
        attempt();
    }

    private final class ConnectionListener implements MasterConnection.Listener {
        @Override
        public void opened(MasterConnection c, OptionalLong epoch) {
            if (c != connection || closed) {
                return;
            }
            lastHeard = time.instant();
            if (epoch.isPresent() && admitsEpoch(c, epoch.getAsLong())) {
                streamEpoch = epoch.getAsLong();
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
            } else if (streamEpoch < highestEpoch) {
                // A guard: learning of a newer epoch moves the link at once, so this stream is on its way out.
                LOG.log(Level.WARNING, "ignoring " + event.getClass().getSimpleName() + " from master " + c.master()
                        + ": its epoch " + streamEpoch + " is older than " + highestEpoch);
            } else {
                owner.handle(event);
            }
        }

        @Override
        public void refused(MasterConnection c, int status, String message, Optional<MasterAddress> to,
                            OptionalLong epoch) {
            if (c != connection || closed) {
                return;
            }
            if (status == 307 && epoch.isPresent() && epoch.getAsLong() < highestEpoch) {
                retry("master " + c.master() + " redirects to " + to.map(String::valueOf).orElse("nowhere")
                        + " of epoch " + epoch.getAsLong() + ", older than " + highestEpoch);
                return;
            }
            epoch.ifPresent(e -> highestEpoch = Math.max(highestEpoch, e));
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
        public void callRejected(MasterConnection c, AgentCall call, int status, String message,
                                 Optional<MasterAddress> to, OptionalLong epoch) {
            if (c != connection || closed) {
                return;
            }
            String what = call.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
            // A master that stopped leading names the new leader: go there at once, unless it names
            // itself or a leader of an older term than one already seen.
            if (status == 307 && to.isPresent() && !to.get().equals(c.master())
                    && epoch.orElse(highestEpoch) >= highestEpoch) {
                epoch.ifPresent(e -> highestEpoch = e);
                moveTo(to.get(), "master " + c.master() + " answered " + what + " with 307: the leader is "
                        + to.get() + "; re-registering with it");
                return;
            }
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
