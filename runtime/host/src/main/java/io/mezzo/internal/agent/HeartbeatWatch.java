package io.mezzo.internal.agent;

import io.mezzo.internal.protocol.AgentProtocol;
import io.mezzo.internal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When {@link MasterLink}'s master has been silent too long: {@link
 * AgentProtocol#DEFAULT_MAX_MISSED_HEARTBEATS} heartbeat intervals without a word, the interval
 * being the one the master's REGISTERED asked for. Confined to the agent's actor, like the link.
 */
final class HeartbeatWatch {
    private final TimeSource time;
    private Duration interval = AgentProtocol.DEFAULT_HEARTBEAT_INTERVAL;
    private Instant lastHeard;

    HeartbeatWatch(TimeSource time) {
        this.time = time;
    }

    Duration interval() {
        return interval;
    }

    /** The master asked for {@code requested} (null, zero or negative: the default). */
    void agreed(Duration requested) {
        interval = requested != null && !requested.isNegative() && !requested.isZero()
                ? requested : AgentProtocol.DEFAULT_HEARTBEAT_INTERVAL;
    }

    void heard() {
        lastHeard = time.instant();
    }

    /** How long the master has been silent, when that is too long. */
    Optional<Duration> overdue() {
        Duration silence = Duration.between(lastHeard, time.instant());
        Duration limit = interval.multipliedBy(AgentProtocol.DEFAULT_MAX_MISSED_HEARTBEATS);
        return silence.compareTo(limit) >= 0 ? Optional.of(silence) : Optional.empty();
    }
}
