package io.mezzo.api;

import java.util.regex.Pattern;

/**
 * One named resource of an agent, such as {@code cpus:4} or {@code ports(web):[8000-8100]}.
 *
 * @param name  the resource name ({@code cpus}, {@code mem}, {@code disk}, {@code ports}, ...)
 * @param role  the role the resource is statically reserved for, or {@code *} when unreserved
 * @param value a non-negative scalar, ranges, or a set; never text
 */
public record Resource(String name, String role, Value value) implements Comparable<Resource> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");

    public Resource {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid resource name '"
                    + (name == null ? "null" : Ids.printable(name))
                    + "': use letters, digits, '_', '.' or '-', starting with a letter or '_'");
        }
        Roles.validate(role);
        if (value == null || value instanceof Text) {
            throw new IllegalArgumentException("resource '" + name + "' must be a scalar, ranges or a set");
        }
        if (value instanceof Scalar s && s.millis() < 0) {
            throw new IllegalArgumentException("resource '" + name + "' must not be negative (" + s + ")");
        }
    }

    public static Resource scalar(String name, double value) {
        return new Resource(name, Roles.DEFAULT, Scalar.of(value));
    }

    public static Resource ranges(String name, long begin, long end) {
        return new Resource(name, Roles.DEFAULT, Ranges.of(begin, end));
    }

    public boolean isUnreserved() {
        return role.equals(Roles.DEFAULT);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Orders by name, then role: the canonical order inside {@link Resources}. */
    @Override
    public int compareTo(Resource other) {
        int c = name.compareTo(other.name);
        return c != 0 ? c : role.compareTo(other.role);
    }

    /** Mesos's text form: {@code name(role):value}, with the role omitted when unreserved. */
    @Override
    public String toString() {
        return name + (isUnreserved() ? "" : "(" + role + ")") + ":" + value.format();
    }
}
