package io.mezzo.api;

/** A text value; only agent attributes use it. */
public record Text(String value) implements Value {
    public Text {
        if (value == null) {
            throw new IllegalArgumentException("text must not be null");
        }
    }

    @Override
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String typeName() {
        return "TEXT";
    }

    @Override
    public String format() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
