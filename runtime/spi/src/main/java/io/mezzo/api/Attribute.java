package io.mezzo.api;

import java.util.ArrayList;
import java.util.List;

/**
 * An agent attribute, such as {@code rack:r1} or {@code u:1}; offered to frameworks with the
 * agent's resources and never consumed.
 */
public record Attribute(String name, Value value) {
    public Attribute {
        if (name == null || name.isBlank() || name.contains(";") || name.contains(":")) {
            throw new IllegalArgumentException("invalid attribute name '" + name + "'");
        }
        if (value == null) {
            throw new IllegalArgumentException("attribute '" + name + "' needs a value");
        }
    }

    /**
     * Parses Mesos's {@code --attributes} format: {@code name:value} items separated by
     * {@code ;}, where the value is a number (scalar), {@code [a-b]} (ranges),
     * <code>{a,b}</code> (set) or anything else (text).
     */
    public static List<Attribute> parseAll(String text) {
        List<Attribute> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String item : Resources.splitItems(text)) {
            String trimmed = item.strip();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("invalid attribute '" + trimmed + "': expected name:value");
            }
            String value = trimmed.substring(colon + 1);
            if (value.isBlank()) {
                throw new IllegalArgumentException("invalid attribute '" + trimmed + "': value must not be empty");
            }
            try {
                out.add(new Attribute(trimmed.substring(0, colon).strip(), Value.parse(value)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid attribute '" + trimmed + "': " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return name + ":" + value.format();
    }
}
