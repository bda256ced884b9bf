package io.mezzo.api;

/**
 * A Mesos value: a scalar, a set of ranges, a set of items or a piece of text. Resources use
 * the first three; agent attributes may use all four.
 */
public sealed interface Value permits Scalar, Ranges, ItemSet, Text {

    /** The type name Mesos uses on the wire: SCALAR, RANGES, SET or TEXT. */
    String typeName();

    /** True for zero, no ranges, no items or empty text. */
    boolean isEmpty();

    /** Renders the value in Mesos's text format ({@code 4}, {@code [1-2,5-9]}, {@code {a,b}}). */
    String format();

    /**
     * Parses a value in Mesos's text format: {@code [a-b,...]} is ranges, <code>{a,b}</code> is a
     * set, a number is a scalar, anything else is text.
     */
    static Value parse(String text) {
        String t = text.strip();
        if (t.startsWith("[")) {
            return Ranges.parse(t);
        }
        if (t.startsWith("{")) {
            return ItemSet.parse(t);
        }
        if (Scalar.looksNumeric(t)) {
            return Scalar.parse(t);
        }
        return new Text(t);
    }
}
