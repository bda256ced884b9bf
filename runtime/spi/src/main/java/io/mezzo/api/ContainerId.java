package io.mezzo.api;

/** Identifies a container. Valid as a single path component (see Mesos's ID rules). */
public record ContainerId(String value) implements Comparable<ContainerId> {
    public ContainerId {
        Ids.validate("ContainerId", value);
    }

    public static ContainerId of(String value) {
        return new ContainerId(value);
    }

    @Override
    public int compareTo(ContainerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
