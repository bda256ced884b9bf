package io.mezzo.api;

/** Resources a framework holds on an agent under one of its roles (its tasks, or outstanding offers). */
public record Usage(FrameworkId framework, AgentId agent, String role, Resources resources) {
    public Usage {
        if (framework == null || agent == null || resources == null) {
            throw new IllegalArgumentException("usage needs a framework, an agent and resources");
        }
        Roles.validate(role);
    }
}
