package io.mezzo.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterTurnsTest {
    private static final URI A = URI.create("http://127.0.0.1:5050");
    private static final URI B = URI.create("http://127.0.0.1:5051");
    private static final URI C = URI.create("http://127.0.0.1:5052");

    @Test
    void theMasterAfterTheOneTriedIsNextAndEachIsAskedAtOnceOnceInARow() {
        MasterTurns turns = new MasterTurns(List.of(A, B, C));
        assertThat(turns.first()).isEqualTo(A);

        // The client was redirected from A to B, and lost B: C is next, not B again.
        assertThat(turns.after(URI.create("http://127.0.0.1:5051/api/v1/scheduler"))).isEqualTo(C);
        assertThat(turns.askNow()).isTrue();
        assertThat(turns.after(C)).isEqualTo(A);
        assertThat(turns.askNow()).isTrue();
        assertThat(turns.after(A)).isEqualTo(B);
        assertThat(turns.askNow()).as("all three unreachable in a row: back off").isFalse();
        assertThat(turns.after(B)).isEqualTo(C);
        assertThat(turns.askNow()).as("a new round").isTrue();
    }

    @Test
    void anAnswerStartsTheCountAgainAndAnUnlistedMasterGivesWayToTheNextTurn() {
        MasterTurns turns = new MasterTurns(List.of(A, B));
        turns.after(A);
        turns.answered();
        assertThat(turns.after(B)).isEqualTo(A);
        assertThat(turns.askNow()).isTrue();
        assertThat(turns.after(URI.create("http://10.0.0.9:5050"))).as("after the turn at A").isEqualTo(B);
        assertThat(turns.after(URI.create("https://127.0.0.1:5050"))).as("another scheme is another master")
                .isEqualTo(A);
    }
}
