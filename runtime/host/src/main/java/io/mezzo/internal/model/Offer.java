package io.mezzo.internal.model;

import io.mezzo.api.AgentId;
import io.mezzo.api.Attribute;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import java.util.List;

/** An outstanding offer of one agent's resources to one framework, under one of its roles. */
public record Offer(OfferId id, FrameworkId frameworkId, AgentId agentId, String hostname, int agentPort,
                    String role, Resources resources, List<Attribute> attributes) {
    public Offer {
        attributes = List.copyOf(attributes);
    }
}
