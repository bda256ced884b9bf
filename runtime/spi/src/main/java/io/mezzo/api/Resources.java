package io.mezzo.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An immutable bag of resources with Mesos's arithmetic.
 *
 * <p>Always normalized: at most one {@link Resource} per (name, role), sorted by name then
 * role, with empty values dropped, so two bags holding the same resources are
 * {@code equals}. A name has one value type throughout ({@code cpus} cannot be a scalar on
 * one role and ranges on another). Scalars are exact to three decimals.
 *
 * <p>{@link #minus} clamps at nothing left (as Mesos does); use {@link #contains} first when
 * taking more than is there would be a mistake.
 */
public final class Resources implements Iterable<Resource> {
    private static final Resources EMPTY = new Resources(List.of());

    private final List<Resource> resources;

    private Resources(List<Resource> normalized) {
        this.resources = normalized;
    }

    public static Resources empty() {
        return EMPTY;
    }

    public static Resources of(Resource... resources) {
        return of(List.of(resources));
    }

    /** Merges the given resources (adding values that share a name and role). */
    public static Resources of(Collection<Resource> resources) {
        TreeMap<Resource, Value> merged = new TreeMap<>();
        Map<String, String> types = new HashMap<>();
        for (Resource r : resources) {
            String known = types.putIfAbsent(r.name(), r.value().typeName());
            if (known != null && !known.equals(r.value().typeName())) {
                throw new IllegalArgumentException("resource '" + r.name() + "' is both "
                        + known + " and " + r.value().typeName());
            }
            merged.merge(r, r.value(), Resources::add);
        }
        List<Resource> out = new ArrayList<>(merged.size());
        merged.forEach((key, value) -> {
            if (!value.isEmpty()) {
                out.add(new Resource(key.name(), key.role(), value));
            }
        });
        return out.isEmpty() ? EMPTY : new Resources(List.copyOf(out));
    }

    /**
     * Parses Mesos's text format: {@code name(role):value} items separated by {@code ;},
     * for example {@code cpus:4;mem:8192;ports:[31000-32000];cpus(ads):2}. Duplicate
     * items are added together.
     */
    public static Resources parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("resources must not be null");
        }
        List<Resource> out = new ArrayList<>();
        for (String item : splitItems(text)) {
            out.add(parseItem(item));
        }
        try {
            return of(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid resources '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Splits on ';' outside brackets and braces. */
    static List<String> splitItems(String text) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ';' && depth == 0) {
                items.add(text.substring(start, i));
                start = i + 1;
            }
        }
        items.add(text.substring(start));
        items.removeIf(String::isBlank);
        return items;
    }

    private static Resource parseItem(String item) {
        String trimmed = item.strip();
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid resource '" + trimmed + "': expected name:value");
        }
        String key = trimmed.substring(0, colon).strip();
        String role = Roles.DEFAULT;
        int paren = key.indexOf('(');
        if (paren >= 0) {
            if (!key.endsWith(")")) {
                throw new IllegalArgumentException("invalid resource '" + trimmed + "': expected name(role):value");
            }
            role = key.substring(paren + 1, key.length() - 1).strip();
            key = key.substring(0, paren).strip();
        }
        try {
            Value value = Value.parse(trimmed.substring(colon + 1));
            if (value instanceof Text) {
                throw new IllegalArgumentException("value must be a number, [ranges] or {set}");
            }
            return new Resource(key, role, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid resource '" + trimmed + "': " + e.getMessage(), e);
        }
    }

    public List<Resource> list() {
        return resources;
    }

    @Override
    public Iterator<Resource> iterator() {
        return resources.iterator();
    }

    public boolean isEmpty() {
        return resources.isEmpty();
    }

    public Resources plus(Resources other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<Resource> all = new ArrayList<>(resources);
        all.addAll(other.resources);
        return of(all);
    }

    public Resources plus(Resource other) {
        return plus(of(other));
    }

    /** What is left after taking {@code other} away; parts of {@code other} that are not here are ignored. */
    public Resources minus(Resources other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        Map<Key, Value> taken = new HashMap<>();
        for (Resource r : other.resources) {
            taken.put(key(r), r.value());
        }
        List<Resource> out = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            Value cut = taken.get(key(r));
            Value left = cut == null ? r.value() : subtract(r.name(), r.value(), cut);
            if (!left.isEmpty()) {
                out.add(cut == null ? r : new Resource(r.name(), r.role(), left));
            }
        }
        return out.isEmpty() ? EMPTY : new Resources(List.copyOf(out));
    }

    /** True when every resource of {@code other} is here, with the same role, in at least that amount. */
    public boolean contains(Resources other) {
        Map<Key, Value> mine = new HashMap<>();
        for (Resource r : resources) {
            mine.put(key(r), r.value());
        }
        for (Resource r : other.resources) {
            Value have = mine.get(key(r));
            if (have == null || !covers(have, r.value())) {
                return false;
            }
        }
        return true;
    }

    /** The sum of the scalar named {@code name} across roles; zero when absent or not a scalar. */
    public Scalar scalar(String name) {
        Scalar sum = Scalar.ZERO;
        for (Resource r : resources) {
            if (r.name().equals(name) && r.value() instanceof Scalar s) {
                sum = sum.plus(s);
            }
        }
        return sum;
    }

    /** Every scalar name with its sum across roles, by name. */
    public Map<String, Scalar> scalars() {
        Map<String, Scalar> out = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (r.value() instanceof Scalar s) {
                out.merge(r.name(), s, Scalar::plus);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The union of the ranges named {@code name} across roles. */
    public Ranges ranges(String name) {
        Ranges out = Ranges.EMPTY;
        for (Resource r : resources) {
            if (r.name().equals(name) && r.value() instanceof Ranges ranges) {
                out = out.plus(ranges);
            }
        }
        return out;
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (Resource r : resources) {
            names.add(r.name());
        }
        return Collections.unmodifiableSet(names);
    }

    /** The distinct reservation roles present (including {@code *} when anything is unreserved). */
    public Set<String> roles() {
        Set<String> roles = new TreeSet<>();
        for (Resource r : resources) {
            roles.add(r.role());
        }
        return Collections.unmodifiableSet(roles);
    }

    public Resources filter(Predicate<Resource> keep) {
        List<Resource> out = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            if (keep.test(r)) {
                out.add(r);
            }
        }
        return out.size() == resources.size() ? this : out.isEmpty() ? EMPTY : new Resources(List.copyOf(out));
    }

    public Resources unreserved() {
        return filter(Resource::isUnreserved);
    }

    /** Only the resources statically reserved for exactly {@code role}. */
    public Resources reservedFor(String role) {
        return filter(r -> r.role().equals(role));
    }

    /**
     * What a framework in {@code role} may be offered: unreserved resources, and those reserved
     * for the role or for one of its ancestors ({@code cpus(eng)} is allocatable to
     * {@code eng/ads}), as in Mesos.
     */
    public Resources allocatableTo(String role) {
        return filter(r -> Roles.mayUse(role, r.role()));
    }

    /** The same resources with every reservation dropped (all roles become {@code *}). */
    public Resources flatten() {
        List<Resource> out = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            out.add(r.isUnreserved() ? r : new Resource(r.name(), Roles.DEFAULT, r.value()));
        }
        return of(out);
    }

    private record Key(String name, String role) {}

    private static Key key(Resource r) {
        return new Key(r.name(), r.role());
    }

    private static Value add(Value a, Value b) {
        if (a instanceof Scalar x && b instanceof Scalar y) {
            return x.plus(y);
        }
        if (a instanceof Ranges x && b instanceof Ranges y) {
            return x.plus(y);
        }
        if (a instanceof ItemSet x && b instanceof ItemSet y) {
            return x.plus(y);
        }
        throw new IllegalArgumentException("cannot add " + a.typeName() + " and " + b.typeName());
    }

    private static Value subtract(String name, Value a, Value b) {
        if (a instanceof Scalar x && b instanceof Scalar y) {
            return y.millis() >= x.millis() ? Scalar.ZERO : x.minus(y);
        }
        if (a instanceof Ranges x && b instanceof Ranges y) {
            return x.minus(y);
        }
        if (a instanceof ItemSet x && b instanceof ItemSet y) {
            return x.minus(y);
        }
        throw new IllegalArgumentException("resource '" + name + "': cannot subtract "
                + b.typeName() + " from " + a.typeName());
    }

    private static boolean covers(Value have, Value want) {
        if (have instanceof Scalar x && want instanceof Scalar y) {
            return x.millis() >= y.millis();
        }
        if (have instanceof Ranges x && want instanceof Ranges y) {
            return x.contains(y);
        }
        if (have instanceof ItemSet x && want instanceof ItemSet y) {
            return x.contains(y);
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resources other && resources.equals(other.resources);
    }

    @Override
    public int hashCode() {
        return resources.hashCode();
    }

    /** Mesos's text form, parseable by {@link #parse}; empty bags print as the empty string. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Resource r : resources) {
            out.append(out.length() == 0 ? "" : ";").append(r);
        }
        return out.toString();
    }
}
