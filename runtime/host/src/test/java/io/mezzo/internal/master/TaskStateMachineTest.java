package io.mezzo.internal.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.master.TaskStateMachine.Effect;
import io.mezzo.internal.master.TaskStateMachine.Transition;
import io.mezzo.internal.model.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walks every (current, reported) pair against a table written out by hand. */
class TaskStateMachineTest {
    /**
     * Rows: current state; columns: reported state; both in {@link TaskState} declaration
     * order: STAGING STARTING RUNNING KILLING FINISHED FAILED KILLED ERROR LOST DROPPED
     * UNREACHABLE GONE GONE_BY_OPERATOR UNKNOWN.
     * X = refused (no effect), P = progress (record, forward), T = becomes terminal
     * (record, release resources, forward), A = already terminal (only acknowledge to agent).
     */
    private static final String[] TABLE = {
        /* STAGING          */ "XPPPTTTTTTPTTP",
        /* STARTING         */ "XPPPTTTTTTPTTP",
        /* RUNNING          */ "XPPPTTTTTTPTTP",
        /* KILLING          */ "XPPPTTTTTTPTTP",
        /* FINISHED         */ "AAAAAAAAAAAAAA",
        /* FAILED           */ "AAAAAAAAAAAAAA",
        /* KILLED           */ "AAAAAAAAAAAAAA",
        /* ERROR            */ "AAAAAAAAAAAAAA",
        /* LOST             */ "AAAAAAAAAAAAAA",
        /* DROPPED          */ "AAAAAAAAAAAAAA",
        /* UNREACHABLE      */ "XPPPTTTTTTPTTP",
        /* GONE             */ "AAAAAAAAAAAAAA",
        /* GONE_BY_OPERATOR */ "AAAAAAAAAAAAAA",
        /* UNKNOWN          */ "XPPPTTTTTTPTTP",
    };

    @Test
    void everyPairFollowsTheTable() {
        TaskState[] states = TaskState.values();
        assertThat(TABLE).hasSize(states.length);
        for (int i = 0; i < states.length; i++) {
            for (int j = 0; j < states.length; j++) {
                TaskState from = states[i];
                TaskState to = states[j];
                Transition t = TaskStateMachine.apply(from, to);
                String pair = from + " -> " + to;
                switch (TABLE[i].charAt(j)) {
                    case 'X':
                        assertThat(t.effects()).as(pair).isEmpty();
                        assertThat(t.to()).as(pair).isEqualTo(from);
                        break;
                    case 'P':
                        assertThat(t.effects()).as(pair).containsExactly(Effect.RECORD_STATUS, Effect.FORWARD_TO_FRAMEWORK);
                        assertThat(t.to()).as(pair).isEqualTo(to);
                        break;
                    case 'T':
                        assertThat(t.effects()).as(pair).containsExactly(Effect.RECORD_STATUS,
                                Effect.RELEASE_RESOURCES, Effect.FORWARD_TO_FRAMEWORK);
                        assertThat(t.to()).as(pair).isEqualTo(to);
                        break;
                    case 'A':
                        assertThat(t.effects()).as(pair).containsExactly(Effect.ACKNOWLEDGE_TO_AGENT);
                        assertThat(t.to()).as(pair).isEqualTo(from);
                        break;
                    default:
                        throw new AssertionError("bad table entry");
                }
            }
        }
    }

    @Test
    void repeatedStateIsStillForwardedButChangesNothing() {
        Transition t = TaskStateMachine.apply(TaskState.TASK_RUNNING, TaskState.TASK_RUNNING);
        assertThat(t.changesState()).isFalse();
        assertThat(t.has(Effect.FORWARD_TO_FRAMEWORK)).isTrue();
    }

    @Test
    void terminalStatesAreExactlyMesossTerminalOnes() {
        assertThat(List.of(TaskState.values()).stream().filter(TaskState::isTerminal)).containsExactlyInAnyOrder(
                TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED, TaskState.TASK_ERROR,
                TaskState.TASK_LOST, TaskState.TASK_DROPPED, TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);
    }
}
