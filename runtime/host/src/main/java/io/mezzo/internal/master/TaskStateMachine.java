package io.mezzo.internal.master;

import io.mezzo.internal.model.TaskState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that decides what a reported task state does to a task the master knows.
 *
 * <p>Rules (Mesos's): {@code TASK_STAGING} is the master's own initial state and is never
 * accepted from anyone else. A task that is not terminal takes any other reported state
 * (the agent's update stream already orders them; a repeated state, e.g. a health change,
 * is still an update the framework must see). A terminal task never changes again: a
 * later report is not forwarded, only acknowledged to the agent on the framework's behalf
 * so the agent stops retrying it.
 *
 * <p>Side effects come back as data, in the order the caller must apply them.
 */
public final class TaskStateMachine {

    /** What applying a report requires, in application order. */
    public enum Effect {
        /** Record the status as the task's latest and set its state. */
        RECORD_STATUS,
        /** The task just became terminal: give its resources back to the allocator. */
        RELEASE_RESOURCES,
        /** Send the status to the framework as an UPDATE event. */
        FORWARD_TO_FRAMEWORK,
        /** Tell the agent the update is acknowledged (nobody else will). */
        ACKNOWLEDGE_TO_AGENT
    }

    /** The outcome of one report. */
    public record Transition(TaskState from, TaskState to, List<Effect> effects, String note) {
        public Transition {
            effects = List.copyOf(effects);
        }

        public boolean changesState() {
            return from != to;
        }

        public boolean has(Effect e) {
            return effects.contains(e);
        }
    }

    private static final Set<TaskState> NEVER_REPORTED = EnumSet.of(TaskState.TASK_STAGING);

    private TaskStateMachine() {}

    /** What happens when {@code reported} arrives for a task in {@code current}. */
    public static Transition apply(TaskState current, TaskState reported) {
        if (current.isTerminal()) {
            return new Transition(current, current, List.of(Effect.ACKNOWLEDGE_TO_AGENT),
                    "task is already " + current + "; " + reported + " is ignored");
        }
        if (NEVER_REPORTED.contains(reported)) {
            return new Transition(current, current, List.of(),
                    reported + " is the master's initial state and cannot be reported");
        }
        if (reported.isTerminal()) {
            return new Transition(current, reported,
                    List.of(Effect.RECORD_STATUS, Effect.RELEASE_RESOURCES, Effect.FORWARD_TO_FRAMEWORK),
                    "terminal");
        }
        return new Transition(current, reported, List.of(Effect.RECORD_STATUS, Effect.FORWARD_TO_FRAMEWORK),
                current == reported ? "same state" : "progress");
    }
}
