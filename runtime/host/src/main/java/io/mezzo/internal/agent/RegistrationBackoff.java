package io.mezzo.internal.agent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Which master {@link MasterLink} registers with next, and how long it waits first: the
 * masters in turn, a redirect's target once, and after a failure a random wait up to the
 * backoff factor, doubled per failed attempt once every master failed in a row (at most
 * {@link AgentConfig#MAX_REGISTRATION_BACKOFF}); with one master that is Mesos's agent backoff. It only counts and chooses; the link connects, logs and arms the timers.
 * Confined to the agent's actor, like the link.
 */
final class RegistrationBackoff {
    private final List<MasterAddress> masters;
    private final Duration factor;
    private final RandomGenerator random;

    private int nextMaster;
    private Optional<MasterAddress> redirect = Optional.empty();
    private int failedAttempts;
    private int redirectsInARow;
    /** Masters refused in a row for a stale epoch; past the list's size the link backs off. */
    private int staleInARow;
    /** Masters that could not be reached in a row; once all others were, the link backs off. */
    private int unreachableInARow;

    RegistrationBackoff(List<MasterAddress> masters, Duration factor, RandomGenerator random) {
        this.masters = masters;
        this.factor = factor;
        this.random = random;
    }

    /** The longest wait before the next attempt: {@code factor·2^failures}, at most a minute. */
    static Duration backoffBound(Duration factor, int failures) {
        Duration bound = factor;
        for (int i = 0; i < failures && bound.compareTo(AgentConfig.MAX_REGISTRATION_BACKOFF) < 0; i++) {
            bound = bound.multipliedBy(2);
        }
        return bound.compareTo(AgentConfig.MAX_REGISTRATION_BACKOFF) < 0 ? bound : AgentConfig.MAX_REGISTRATION_BACKOFF;
    }

    /** The master to register with now: a redirect's target (once), else the one whose turn it is. */
    MasterAddress target() {
        MasterAddress target = redirect.orElse(masters.get(nextMaster));
        redirect = Optional.empty();
        return target;
    }

    /** The master whose turn it is next. */
    MasterAddress upcoming() {
        return masters.get(nextMaster);
    }

    /** A registered master was lost: the wait starts over at the backoff factor. */
    void lostMaster() {
        failedAttempts = 0;
    }

    /**
     * An attempt failed: turns to the next master and answers how long to wait before trying it.
     * The first round (each master once) waits at most the backoff factor; the doubling starts
     * after a whole round failed. During a failover the dead leader and a master still starting
     * its term each fail once, and the new leader is then tried within a second, not after the
     * doubled waits of a single unreachable master.
     */
    Duration failed(MasterAddress tried) {
        Duration bound = backoffBound(factor, Math.max(0, failedAttempts - (masters.size() - 1)));
        failedAttempts++;
        redirectsInARow = 0;
        unreachableInARow = 0;
        turnAfter(tried);
        return Duration.ofNanos((long) (random.nextDouble() * bound.toNanos()));
    }

    /**
     * The master after {@code tried} in the list is next. Counted from the master just tried, not
     * from the last turn: after a redirect or a move the two differ, and counting from the turn
     * made an agent that lost its leader try that dead leader first.
     */
    private void turnAfter(MasterAddress tried) {
        int at = masters.indexOf(tried);
        nextMaster = ((at >= 0 ? at : nextMaster) + 1) % masters.size();
    }

    void registered() {
        failedAttempts = 0;
        redirectsInARow = 0;
        staleInARow = 0;
        unreachableInARow = 0;
    }

    /**
     * A master could not be reached at all (a dead leader refuses connections at once). True,
     * turning to the next master to try it at once, unless every other master was unreachable
     * in a row too; then false, and the link backs off ({@link #failed}).
     */
    boolean skipUnreachable(MasterAddress tried) {
        if (unreachableInARow < masters.size() - 1) {
            unreachableInARow++;
            turnAfter(tried);
            return true;
        }
        return false;
    }

    /**
     * A master of an old term was refused. True, turning to the next master, while fewer masters
     * than the list holds were refused so in a row; false once all were, so the link backs off
     * until the cluster settles.
     */
    boolean skipStale(MasterAddress tried) {
        if (staleInARow < masters.size()) {
            staleInARow++;
            turnAfter(tried);
            return true;
        }
        return false;
    }

    /** A 307 named {@code to}: true (to go there next) unless redirects went round and round. */
    boolean follow(MasterAddress to) {
        if (redirectsInARow < masters.size() + 2) {
            redirectsInARow++;
            redirect = Optional.of(to);
            return true;
        }
        return false;
    }

    /** The link leaves its master for {@code target} at once: it goes there next, backoff started over. */
    void moveTo(MasterAddress target) {
        failedAttempts = 0;
        redirectsInARow = 0;
        redirect = Optional.of(target);
    }
}
