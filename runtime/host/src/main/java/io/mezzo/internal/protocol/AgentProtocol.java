package io.mezzo.internal.protocol;

import java.time.Duration;

/** Constants of the agent API shared by both ends. */
public final class AgentProtocol {
    /** The endpoint on the master. */
    public static final String PATH = "/api/v1/agent";
    /** Response header of REGISTER; every later call on that registration must carry it. */
    public static final String STREAM_ID_HEADER = "Mezzo-Stream-Id";
    /** The leadership epoch of the master that answers (agent stream, {@code /redirect}); see docs/agent-api.md. */
    public static final String EPOCH_HEADER = LeaderHeaders.EPOCH;
    public static final String CONTENT_TYPE = "application/json";
    /** Mesos's {@code agent_ping_timeout}: the default heartbeat interval. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    /** Mesos's {@code max_agent_ping_timeouts}: missed intervals before an agent is unreachable. */
    public static final int DEFAULT_MAX_MISSED_HEARTBEATS = 5;
    /** Largest request or event body either side accepts. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private AgentProtocol() {}
}
