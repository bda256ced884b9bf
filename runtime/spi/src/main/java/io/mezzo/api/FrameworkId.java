package io.mezzo.api;

/** Identifies a framework. Valid as a single path component (see Mesos's ID rules). */
public record FrameworkId(String value) implements Comparable<FrameworkId> {
    public FrameworkId {
        Ids.validate("FrameworkId", value);
    }

    public static FrameworkId of(String value) {
        return new FrameworkId(value);
    }

    @Override
    public int compareTo(FrameworkId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
