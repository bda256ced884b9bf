package io.mezzo.api;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** A set of strings (Mesos's SET value), kept sorted. */
public record ItemSet(SortedSet<String> items) implements Value {
    public static final ItemSet EMPTY = new ItemSet(new TreeSet<>());

    public ItemSet {
        TreeSet<String> copy = new TreeSet<>();
        for (String item : items) {
            if (item == null || item.isBlank()) {
                throw new IllegalArgumentException("set items must not be empty");
            }
            copy.add(item);
        }
        items = Collections.unmodifiableSortedSet(copy);
    }

    public static ItemSet of(Collection<String> items) {
        return new ItemSet(new TreeSet<>(items));
    }

    public static ItemSet of(String... items) {
        return of(java.util.List.of(items));
    }

    static ItemSet parse(String text) {
        String t = text.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw new IllegalArgumentException("a set must look like {a,b}, not '" + text + "'");
        }
        TreeSet<String> items = new TreeSet<>();
        String body = t.substring(1, t.length() - 1);
        if (!body.isBlank()) {
            for (String item : body.split(",")) {
                items.add(item.strip());
            }
        }
        return new ItemSet(items);
    }

    @Override
    public boolean isEmpty() {
        return items.isEmpty();
    }

    public ItemSet plus(ItemSet other) {
        TreeSet<String> out = new TreeSet<>(items);
        out.addAll(other.items);
        return new ItemSet(out);
    }

    public ItemSet minus(ItemSet other) {
        TreeSet<String> out = new TreeSet<>(items);
        out.removeAll(other.items);
        return new ItemSet(out);
    }

    public boolean contains(ItemSet other) {
        return items.containsAll(other.items);
    }

    @Override
    public String typeName() {
        return "SET";
    }

    @Override
    public String format() {
        return "{" + String.join(",", items) + "}";
    }

    @Override
    public String toString() {
        return format();
    }
}
