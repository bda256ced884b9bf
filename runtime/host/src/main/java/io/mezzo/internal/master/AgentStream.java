package io.mezzo.internal.master;

import io.mezzo.internal.protocol.AgentEvent;

/**
 * An agent's registration connection as the master sees it. Implemented by the HTTP adapter;
 * called on the master's thread, never blocking.
 */
public interface AgentStream {

    String streamId();

    /** The agent's IP address as seen on this connection, offered to frameworks in offer URLs. */
    default java.util.Optional<String> peerIp() {
        return java.util.Optional.empty();
    }

    void send(AgentEvent event);

    void close();
}
