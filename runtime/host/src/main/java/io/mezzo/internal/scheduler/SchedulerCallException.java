package io.mezzo.internal.scheduler;

/** The master refused a scheduler call: its HTTP status and what it said. */
public final class SchedulerCallException extends RuntimeException {
    private final int status;

    public SchedulerCallException(int status, String message) {
        super("master answered " + status + ": " + message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
