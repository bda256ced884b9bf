package io.mezzo.api;

import java.util.List;

/** What a plugin needs to know of an agent besides its resources. */
public record AgentSpec(String hostname, List<Attribute> attributes) {
    public AgentSpec {
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("agent hostname must not be empty");
        }
        attributes = List.copyOf(attributes);
    }
}
