package io.mezzo.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.spi.AuthenticationStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {
    private static final String PEER = "192.0.2.1";
    private static final Supplier<Optional<String>> WRONG = Optional::empty;
    private static final Supplier<Optional<String>> RIGHT = () -> Optional.of("agent");

    private final SettableClock clock = new SettableClock();
    private final FailureThrottle throttle = new FailureThrottle(clock);

    @Test
    void threeFailuresAreFreeThenDelaysDoubleFromOneSecondUpToThirty() {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Duration delay = refusal(throttle.attempt("agent", PEER, WRONG)).delay();
            delays.add(delay);
            clock.advance(delay); // wait out each penalty, as a patient guesser would
        }
        // 0 0 0 | 1 2 4 8 16 30 30 30 seconds
        assertThat(delays).extracting(Duration::toSeconds).containsExactly(0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void duringAPenaltyEvenTheRightSecretIsRefusedWithTheTimeLeftAndNotChecked() {
        failTimes(4);
        AtomicInteger checks = new AtomicInteger();
        clock.advance(Duration.ofMillis(300));
        AuthenticationStep step = throttle.attempt("agent", PEER, () -> {
            checks.incrementAndGet();
            return Optional.of("agent");
        });
        assertThat(step).isEqualTo(new AuthenticationStep.Refused(FailureThrottle.FAILED, Duration.ofMillis(700)));
        assertThat(checks).hasValue(0);

        clock.advance(Duration.ofMillis(700));
        assertThat(throttle.attempt("agent", PEER, RIGHT)).isEqualTo(new AuthenticationStep.Authenticated("agent"));
    }

    @Test
    void attemptsDuringAPenaltyDoNotLengthenIt() {
        failTimes(4);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(100));
            throttle.attempt("agent", PEER, WRONG);
        }
        clock.advance(Duration.ofMillis(500));
        assertThat(throttle.attempt("agent", PEER, RIGHT)).isInstanceOf(AuthenticationStep.Authenticated.class);
    }

    @Test
    void aSuccessForgetsTheFailures() {
        failTimes(5);
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.attempt("agent", PEER, RIGHT)).isInstanceOf(AuthenticationStep.Authenticated.class);
        assertThat(throttle.trackedPairs()).isZero();
        for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
            assertThat(refusal(throttle.attempt("agent", PEER, WRONG)).delay()).isZero();
        }
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() {
        for (int i = 0; i < 10; i++) {
            assertThat(refusal(throttle.attempt("agent", PEER, WRONG)).delay()).isZero();
            clock.advance(FailureThrottle.WINDOW.plusSeconds(1));
        }
    }

    @Test
    void failuresWithinTheWindowAddUpEvenWhenSpreadOut() {
        for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
            throttle.attempt("agent", PEER, WRONG);
            clock.advance(FailureThrottle.WINDOW);
        }
        assertThat(refusal(throttle.attempt("agent", PEER, WRONG)).delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void eachPrincipalAndPeerPairIsCountedOnItsOwn() {
        failTimes(4);
        assertThat(throttle.attempt("agent", "192.0.2.2", RIGHT)).isInstanceOf(AuthenticationStep.Authenticated.class);
        assertThat(refusal(throttle.attempt("other", PEER, WRONG)).delay()).isZero();
        assertThat(refusal(throttle.attempt("agent", PEER, RIGHT)).delay()).isPositive();
    }

    @Test
    void theStartOfAPenaltyIsLoggedWithAPrintablePrincipal() {
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 6; i++) {
                Duration delay = refusal(throttle.attempt("evil\nFORGED line", PEER, WRONG)).delay();
                clock.advance(delay);
            }
            assertThat(log.lines(java.util.logging.Level.WARNING)).singleElement().asString()
                    .contains("4 consecutive authentication failures", "evil\\u000aFORGED line", PEER)
                    .doesNotContain("\n");
        }
    }

    @Test
    void aFloodOfPrincipalsIsBoundedByForgettingTheLeastRecentlyAttempted() {
        FailureThrottle small = new FailureThrottle(clock, 100);
        for (int i = 0; i < 4; i++) {
            small.attempt("target", PEER, WRONG);
        }
        for (int i = 0; i < 1_000; i++) {
            small.attempt("random-" + i, PEER, WRONG);
            if (i % 50 == 0) {
                // The guesser keeps trying the target, which keeps it tracked (and refused).
                assertThat(refusal(small.attempt("target", PEER, RIGHT)).delay()).isPositive();
            }
        }
        assertThat(small.trackedPairs()).isEqualTo(100);
        assertThat(refusal(small.attempt("target", PEER, RIGHT)).delay()).isPositive();
    }

    @Test
    void theDefaultBoundIsTenThousandPairs() {
        for (int i = 0; i < 12_000; i++) {
            throttle.attempt("random-" + i, PEER, WRONG);
        }
        assertThat(throttle.trackedPairs()).isEqualTo(FailureThrottle.DEFAULT_CAPACITY);
    }

    @Test
    void concurrentGuessesGetNoMoreChecksThanSequentialOnes() throws Exception {
        int threads = 8;
        int guessesEach = 200;
        AtomicInteger checks = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> guessers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                guessers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < guessesEach; i++) {
                        throttle.attempt("agent", PEER, () -> {
                            checks.incrementAndGet();
                            return Optional.empty();
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> guesser : guessers) {
                guesser.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // The clock stands still: three free failures, a fourth that starts the penalty, then nothing is checked.
        assertThat(checks).hasValue(FailureThrottle.FREE_FAILURES + 1);
    }

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            throttle.attempt("agent", PEER, WRONG);
        }
    }

    private static AuthenticationStep.Refused refusal(AuthenticationStep step) {
        assertThat(step).isInstanceOf(AuthenticationStep.Refused.class);
        AuthenticationStep.Refused refused = (AuthenticationStep.Refused) step;
        assertThat(refused.reason()).isEqualTo(FailureThrottle.FAILED);
        return refused;
    }
}
