package io.mezzo.api;

/** Identifies a agent. Valid as a single path component (see Mesos's ID rules). */
public record AgentId(String value) implements Comparable<AgentId> {
    public AgentId {
        Ids.validate("AgentId", value);
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
