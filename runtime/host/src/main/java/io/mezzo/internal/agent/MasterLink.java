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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Keeps the agent registered with a master. It registers, heartbeats, notices a lost or
 * silent master ({@link HeartbeatWatch}), and re-registers with backoff as Mesos does, each
 * attempt with the next master ({@link RegistrationBackoff}); a 307 is followed at once. All
 * waiting is on the agent's {@link TimeSource}.
 *
 * <p>Epoch fencing ({@link EpochFence}): the link remembers the highest leadership epoch it
 * has seen (REGISTERED, {@code Mezzo-Epoch} headers, the {@link LeaderProbe}'s answers). A
 * master whose stream or REGISTERED carries a lower epoch is a deposed leader: the link closes
 * that stream and moves on to the next master. Events are only ever taken from the current stream, and not even
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

    private final Optional<Credential> credential;
    private final HttpClient http;
    private final Context loop;
    private final TimeSource time;
    private final Executor actor;
    private final LeaderProbe probe;
    private final Owner owner;
    private final MasterConnection.Listener listener = new ConnectionListener();
    private final RegistrationBackoff backoff;
    private final EpochFence epochs = new EpochFence();
    private final HeartbeatWatch heartbeats;

    private boolean started;
    private boolean closed;
    /** Bumped whenever a connection ends, so timers armed for it do nothing. */
    private long generation;
    private TimeSource.Cancellable timer;

    private MasterConnection connection;
    /** The master last lost or found unreachable, named to the next ones until registered again. */
    private Optional<MasterAddress> lostLeader = Optional.empty();
    private boolean registered;
    private AgentId agentId;

    MasterLink(AgentConfig config, HttpClient http, Context loop, TimeSource time, Executor actor,
               RandomGenerator random, Owner owner) {
        this.credential = config.credential();
        this.http = http;
        this.loop = loop;
        this.time = time;
        this.actor = actor;
        this.owner = owner;
        this.heartbeats = new HeartbeatWatch(time);
        this.backoff = new RegistrationBackoff(config.masters(), config.registrationBackoffFactor(), random);
        this.probe = new LeaderProbe(config.masters(), config.leaderProbeInterval(), http, loop, time, actor,
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
        MasterAddress target = backoff.target();
        AgentCall.Register register = owner.registration();
        LOG.log(Level.INFO, (register.agentId().isPresent() ? "re-registering as agent '"
                + register.agentId().get() + "' with " + register.tasks().size() + " task(s)" : "registering")
                + " with master " + target);
        connection = new MasterConnection(http, loop, actor, target, listener);
        heartbeats.heard();
        armTick(AgentProtocol.DEFAULT_HEARTBEAT_INTERVAL);
        connection.open(register, credential, lostLeader);
    }

    /** Drops the current connection and tries the next master after the wait {@link RegistrationBackoff} sets. */
    private void retry(String why) {
        MasterAddress tried = connection != null ? connection.master() : backoff.upcoming();
        boolean wasRegistered = registered;
        if (wasRegistered) {
            lostLeader = Optional.of(connection.master());
        }
        endConnection();
        if (closed) {
            return;
        }
        if (wasRegistered) {
            LOG.log(Level.WARNING, "lost master: " + why);
            backoff.lostMaster();
            owner.disconnected();
        } else {
            LOG.log(Level.WARNING, "registration failed: " + why);
        }
        Duration wait = backoff.failed(tried);
        LOG.log(Level.INFO, "registering again with master " + backoff.upcoming() + " in " + wait.toMillis() + " ms");
        arm(wait, this::attempt);
    }

    /** Runs {@code then} on the actor after {@code wait}, unless the connection ended or the link closed meanwhile. */
    private void arm(Duration wait, Runnable then) {
        long armed = generation;
        timer = time.schedule(wait, () -> actor.execute(() -> {
            if (armed == generation && !closed) {
                then.run();
            }
        }));
    }

    /** The longest wait before the next attempt: {@code factor·2^failures}, at most a minute. */
    static Duration backoffBound(Duration factor, int failures) {
        return RegistrationBackoff.backoffBound(factor, failures);
    }

    private void endConnection() {
        generation++;
        epochs.streamEnded();
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
     * One tick per heartbeat interval: give up on a master silent too long for the {@link
     * HeartbeatWatch} (also one that never answered REGISTER), else send a HEARTBEAT once registered.
     */
    private void tick() {
        Optional<Duration> silence = heartbeats.overdue();
        if (silence.isPresent()) {
            retry("no word from master " + connection.master() + " for " + silence.get().toSeconds() + " s");
            return;
        }
        armTick(heartbeats.interval());
        if (registered) {
            connection.send(new AgentCall.Heartbeat(agentId));
        }
    }

    private void armTick(Duration interval) {
        if (timer != null) {
            timer.cancel();
        }
        arm(interval, this::tick);
    }

    private void onRegistered(AgentEvent.Registered event) {
        if (event.agentId() == null) {
            retry("master " + connection.master() + " sent REGISTERED without an agent id");
            return;
        }
        if (!admitsEpoch(connection, event.epoch())) {
            return;
        }
        epochs.streamIs(event.epoch());
        registered = true;
        lostLeader = Optional.empty();
        backoff.registered();
        agentId = event.agentId();
        heartbeats.agreed(event.heartbeatInterval());
        armTick(heartbeats.interval());
        owner.registered(event, connection.master());
    }

    /**
     * Takes note of {@code epoch} from the master of connection {@code c}; if it is older
     * than one already seen, refuses that master (closes the stream, tries the next master)
     * and answers false.
     */
    private boolean admitsEpoch(MasterConnection c, long epoch) {
        if (epochs.admits(epoch)) {
            return true;
        }
        String why = "ignoring master " + c.master() + ": its epoch " + epoch + " is older than " + epochs.highest();
        LOG.log(Level.WARNING, why);
        if (backoff.skipStale(c.master())) {
            leave();
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
        if (epochs.olderThanSeen(answer.epoch())) {
            LOG.log(Level.DEBUG, () -> "leader probe: master " + answer.asked() + " still names " + answer.leader()
                    + " of epoch " + answer.epoch() + ", older than " + epochs.highest());
            return;
        }
        epochs.heard(answer.epoch());
        MasterAddress current = connection.master();
        boolean same = answer.leader().equals(current);
        if (answer.epoch() <= epochs.stream() || (same && !registered)) {
            return;
        }
        moveTo(answer.leader(), "master " + answer.asked() + " names " + answer.leader() + " leader with epoch "
                + answer.epoch() + "; the epoch of master " + current + " is " + epochs.describeStream()
                + "; re-registering with " + answer.leader());
    }

    /** Leaves the current master at once for {@code target} (its tasks go along, as on any re-registration). */
    private void moveTo(MasterAddress target, String why) {
        LOG.log(Level.INFO, why);
        leave();
        backoff.moveTo(target);
        attempt();
    }

    /** Ends the connection, telling the agent when it was registered; the caller attempts again. */
    private void leave() {
        boolean wasRegistered = registered;
        endConnection();
        if (wasRegistered) {
            owner.disconnected();
        }
    }

    private final class ConnectionListener implements MasterConnection.Listener {
        @Override
        public void opened(MasterConnection c, OptionalLong epoch) {
            if (c != connection || closed) {
                return;
            }
            heartbeats.heard();
            if (epoch.isPresent() && admitsEpoch(c, epoch.getAsLong())) {
                epochs.streamIs(epoch.getAsLong());
            }
        }

        @Override
        public void event(MasterConnection c, AgentEvent event) {
            if (c != connection || closed) {
                return;
            }
            heartbeats.heard();
            if (event instanceof AgentEvent.Registered r) {
                onRegistered(r);
            } else if (event instanceof AgentEvent.Error e) {
                retry("master " + c.master() + " sent ERROR: " + e.message());
            } else if (event instanceof AgentEvent.Heartbeat) {
                LOG.log(Level.TRACE, "heartbeat from master");
            } else if (!registered) {
                LOG.log(Level.WARNING, "ignoring " + event.getClass().getSimpleName() + " from master "
                        + c.master() + " before REGISTERED");
            } else if (epochs.streamIsStale()) {
                // A guard: learning of a newer epoch moves the link at once, so this stream is on its way out.
                LOG.log(Level.WARNING, "ignoring " + event.getClass().getSimpleName() + " from master " + c.master()
                        + ": its epoch " + epochs.stream() + " is older than " + epochs.highest());
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
            if (status == 307 && epochs.olderThanSeen(epoch)) {
                retry("master " + c.master() + " redirects to " + to.map(String::valueOf).orElse("nowhere")
                        + " of epoch " + epoch.getAsLong() + ", older than " + epochs.highest());
                return;
            }
            epoch.ifPresent(epochs::heard);
            // Follow a leader redirect at once, but not round and round.
            if (status == 307 && to.isPresent() && backoff.follow(to.get())) {
                LOG.log(Level.INFO, "master " + c.master() + " redirects to " + to.get());
                endConnection();
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
        public void unreachable(MasterConnection c, String why) {
            if (c != connection || closed) {
                return;
            }
            lostLeader = Optional.of(c.master());
            if (backoff.skipUnreachable(c.master())) {
                // Likely a dead leader: the next master is asked at once, told whom the agent lost.
                LOG.log(Level.INFO, why + "; trying master " + backoff.upcoming() + " now");
                endConnection();
                attempt();
            } else {
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
            if (status == 307 && to.isPresent() && !to.get().equals(c.master()) && !epochs.olderThanSeen(epoch)) {
                epoch.ifPresent(epochs::heard);
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
