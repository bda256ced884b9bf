package io.mezzo.authenticator;

import io.mezzo.spi.AuthenticationStep;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Slows down guessing, per principal and peer address.
 *
 * <p>The policy: failures count while each follows the previous one within {@link #WINDOW}
 * (one minute); a longer pause starts the count again. The first {@link #FREE_FAILURES} (three)
 * are answered at once. Each further failure is answered after a delay that doubles from one
 * second up to thirty (1, 2, 4, 8, 16, 30, 30, ... seconds), and until that delay has passed
 * every attempt for the same principal and peer is refused without being checked, with the
 * time still left as its delay. A correct secret sent during a penalty is refused too, so
 * guessing in parallel gains nothing. A success forgets the record.
 *
 * <p>Memory is bounded: at most {@code capacity} (by default {@value #DEFAULT_CAPACITY}) pairs
 * are tracked, and the one attempted least recently is forgotten first. A pair under attack
 * keeps being attempted, so it stays; evicting it takes {@code capacity} attempts with other
 * pairs in between, each of which has its own three free failures only.
 *
 * <p>Thread-safe through one lock, which also covers the check itself: both checks this
 * bundle makes (a constant-time comparison, one HMAC-MD5) take microseconds, and holding the
 * lock across them is what makes a penalty hold against concurrent attempts.
 */
final class FailureThrottle {
    static final String FAILED = "unknown principal or wrong secret";
    static final int FREE_FAILURES = 3;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    static final int DEFAULT_CAPACITY = 10_000;
    /** Principals come from clients; a key keeps no more of one than this. */
    private static final int KEY_PRINCIPAL_CHARS = 256;
    private static final System.Logger LOG = System.getLogger(FailureThrottle.class.getName());

    private record Key(String principal, String peer) {
        static Key of(String principal, String peer) {
            return new Key(principal.length() > KEY_PRINCIPAL_CHARS
                    ? principal.substring(0, KEY_PRINCIPAL_CHARS) : principal, peer);
        }
    }

    /** Consecutive failures of one pair. */
    private static final class Failures {
        private int count;
        private Instant last = Instant.MIN;
        private Instant penaltyEnds = Instant.MIN;

        Duration penaltyLeft(Instant now) {
            return now.isBefore(penaltyEnds) ? Duration.between(now, penaltyEnds) : Duration.ZERO;
        }

        Duration failed(Instant now) {
            if (Duration.between(last, now).compareTo(WINDOW) > 0) {
                count = 0;
            }
            count++;
            last = now;
            Duration delay = delayAfter(count);
            penaltyEnds = now.plus(delay);
            return delay;
        }
    }

    private final InstantSource clock;
    private final Map<Key, Failures> tracked;

    FailureThrottle(InstantSource clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    FailureThrottle(InstantSource clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a failure throttle must track at least one pair, not " + capacity);
        }
        this.clock = clock;
        this.tracked = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Failures> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The delay the {@code failures}th consecutive failure earns (zero for the free ones). */
    static Duration delayAfter(int failures) {
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES - 1, 30);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /**
     * Runs {@code check} for {@code principal} at {@code peer} unless a penalty is running, and
     * records its outcome. {@code check} answers the authenticated principal, or nothing on a
     * failure; it must not block.
     */
    AuthenticationStep attempt(String principal, String peer, Supplier<Optional<String>> check) {
        Key key = Key.of(principal, peer);
        AuthenticationStep step;
        int failures;
        synchronized (this) {
            Failures record = tracked.get(key);
            Instant now = clock.instant();
            if (record != null) {
                Duration left = record.penaltyLeft(now);
                if (!left.isZero()) {
                    return new AuthenticationStep.Refused(FAILED, left);
                }
            }
            Optional<String> authenticated = check.get();
            if (authenticated.isPresent()) {
                tracked.remove(key);
                return new AuthenticationStep.Authenticated(authenticated.get());
            }
            if (record == null) {
                record = new Failures();
                tracked.put(key, record);
            }
            step = new AuthenticationStep.Refused(FAILED, record.failed(now));
            failures = record.count;
        }
        if (failures == FREE_FAILURES + 1) {
            LOG.log(Level.WARNING, () -> failures + " consecutive authentication failures for principal '"
                    + Printable.of(principal) + "' from " + Printable.of(peer) + "; slowing down its answers");
        }
        return step;
    }

    /** How many pairs are tracked now (for tests of the bound). */
    synchronized int trackedPairs() {
        return tracked.size();
    }
}
