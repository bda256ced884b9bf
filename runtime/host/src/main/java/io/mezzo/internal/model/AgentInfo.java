package io.mezzo.internal.model;

import io.mezzo.api.AgentSpec;
import io.mezzo.api.Attribute;
import io.mezzo.api.Resources;
import java.util.List;

/**
 * What an agent reports when it registers: where it is, its total resources, its attributes.
 *
 * @param port the agent's own HTTP port (0 when it serves none)
 */
public record AgentInfo(String hostname, int port, Resources resources, List<Attribute> attributes) {
    public AgentInfo {
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("agent hostname must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("agent port " + port + " is out of range");
        }
        if (resources == null) {
            throw new IllegalArgumentException("agent resources must not be null");
        }
        attributes = List.copyOf(attributes);
    }

    public AgentSpec spec() {
        return new AgentSpec(hostname, attributes);
    }
}
