package io.mezzo.internal.agent.fetch;

/**
 * One URI of a task could not be fetched. The message is what the task's TASK_FAILED status
 * carries: {@code Failed to fetch '<uri>': <reason>}.
 */
public final class FetchException extends Exception {
    private final String uri;
    private final String reason;

    public FetchException(String uri, String reason) {
        super("Failed to fetch '" + uri + "': " + reason);
        this.uri = uri;
        this.reason = reason;
    }

    public FetchException(String uri, String reason, Throwable cause) {
        super("Failed to fetch '" + uri + "': " + reason, cause);
        this.uri = uri;
        this.reason = reason;
    }

    /** The URI as the task gave it. */
    public String uri() {
        return uri;
    }

    /** Why it failed, without the URI. */
    public String reason() {
        return reason;
    }
}
