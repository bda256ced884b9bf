package io.mezzo.api;

/** Identifies a task. Valid as a single path component (see Mesos's ID rules). */
public record TaskId(String value) implements Comparable<TaskId> {
    public TaskId {
        Ids.validate("TaskId", value);
    }

    public static TaskId of(String value) {
        return new TaskId(value);
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
