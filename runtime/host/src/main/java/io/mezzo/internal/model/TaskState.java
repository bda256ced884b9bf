package io.mezzo.internal.model;

/** Mesos's {@code TaskState}, with the proto numbers. Transitions live in {@code TaskStateMachine}. */
public enum TaskState {
    TASK_STAGING(6),
    TASK_STARTING(0),
    TASK_RUNNING(1),
    TASK_KILLING(8),
    TASK_FINISHED(2),
    TASK_FAILED(3),
    TASK_KILLED(4),
    TASK_ERROR(7),
    TASK_LOST(5),
    TASK_DROPPED(9),
    TASK_UNREACHABLE(10),
    TASK_GONE(11),
    TASK_GONE_BY_OPERATOR(12),
    TASK_UNKNOWN(13);

    private final int number;

    TaskState(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /**
     * Terminal as Mesos counts it: the task's resources are released once the master sees
     * one of these. TASK_LOST is terminal too (a partition may later bring the task back,
     * which the master treats as a new report).
     */
    public boolean isTerminal() {
        switch (this) {
            case TASK_FINISHED:
            case TASK_FAILED:
            case TASK_KILLED:
            case TASK_ERROR:
            case TASK_LOST:
            case TASK_DROPPED:
            case TASK_GONE:
            case TASK_GONE_BY_OPERATOR:
                return true;
            case TASK_STAGING:
            case TASK_STARTING:
            case TASK_RUNNING:
            case TASK_KILLING:
            case TASK_UNREACHABLE:
            case TASK_UNKNOWN:
                return false;
        }
        throw new AssertionError(this);
    }

    /** The lower-case name used in metric keys ({@code master/tasks_running}). */
    public String metricName() {
        return name().substring("TASK_".length()).toLowerCase(java.util.Locale.ROOT);
    }
}
