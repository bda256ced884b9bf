package io.mezzo.internal.protocol;

/**
 * Headers Mezzo's masters and its own clients exchange about leadership. Mesos clients neither
 * send nor need them; they only make a failover shorter for Mezzo's agents and scheduler client.
 */
public final class LeaderHeaders {
    /** Response: the leadership epoch of the answering master or of the leader a 307 names. */
    public static final String EPOCH = "Mezzo-Epoch";
    /**
     * Request: {@code host:port} of the leader the caller just lost (its stream broke or it could
     * not be reached). A standby that still names that leader holds the request until it learns
     * of another (bounded) instead of sending the caller back where it failed.
     */
    public static final String LOST_LEADER = "Mezzo-Lost-Leader";

    private LeaderHeaders() {}
}
