package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegistrationBackoffTest {
    private static final MasterAddress A = new MasterAddress("127.0.0.1", 5050);
    private static final MasterAddress B = new MasterAddress("127.0.0.1", 5051);
    private static final MasterAddress C = new MasterAddress("127.0.0.1", 5052);

    private final RegistrationBackoff backoff = new RegistrationBackoff(List.of(A, B, C), Duration.ofSeconds(1),
            new Random(7));

    @Test
    void afterLosingAMasterReachedByARedirectTheNextTriedIsTheOneAfterIt() {
        assertThat(backoff.target()).isEqualTo(A);
        assertThat(backoff.follow(B)).isTrue(); // A answered 307 to B, the leader
        assertThat(backoff.target()).isEqualTo(B);
        backoff.registered();

        backoff.lostMaster();
        Duration wait = backoff.failed(B);

        assertThat(backoff.upcoming()).as("not B again, the master just lost").isEqualTo(C);
        assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anUnreachableMasterGivesWayToTheOneAfterItWhateverTheTurn() {
        backoff.moveTo(C); // a probe named C the leader
        assertThat(backoff.target()).isEqualTo(C);

        assertThat(backoff.skipUnreachable(C)).isTrue();
        assertThat(backoff.upcoming()).isEqualTo(A);
        assertThat(backoff.skipUnreachable(A)).isTrue();
        assertThat(backoff.upcoming()).isEqualTo(B);
        assertThat(backoff.skipUnreachable(B)).as("every master unreachable in a row: back off").isFalse();
    }

    @Test
    void aMasterOutsideTheListIsFollowedByTheTurnAfterTheCurrentOne() {
        MasterAddress elsewhere = new MasterAddress("10.0.0.9", 5050);
        backoff.failed(elsewhere);
        assertThat(backoff.upcoming()).isEqualTo(B);
    }
}
