package io.mezzo.internal.model;

import io.mezzo.api.AgentId;
import io.mezzo.api.Attribute;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import java.util.List;
import java.util.Optional;

/** An outstanding offer of one agent's resources to one framework, under one of its roles. */
public record Offer(OfferId id, FrameworkId frameworkId, AgentId agentId, String hostname,
                    Optional<String> agentIp, int agentPort, String role, Resources resources,
                    List<Attribute> attributes) {
    public Offer {
        agentIp = agentIp == null ? Optional.empty() : agentIp;
        attributes = List.copyOf(attributes);
    }
}
