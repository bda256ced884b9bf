package io.mezzo.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A scalar with Mesos's precision: three decimal digits, held as an exact count of
 * thousandths so that sums and differences never drift (0.1 + 0.2 is exactly 0.3).
 */
public record Scalar(long millis) implements Value, Comparable<Scalar> {
    /** Largest magnitude that fits, in whole units (about 9.2e15). */
    public static final double MAX = Long.MAX_VALUE / 1000.0;
    public static final Scalar ZERO = new Scalar(0);

    /** Rounds {@code value} to three decimals, as Mesos does. */
    public static Scalar of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("scalar must be a finite number, not " + value);
        }
        if (Math.abs(value) >= MAX) {
            throw new IllegalArgumentException("scalar " + value + " is too large (limit " + (long) MAX + ")");
        }
        return new Scalar(Math.round(value * 1000.0));
    }

    static Scalar parse(String text) {
        try {
            return of(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }

    private static final java.util.regex.Pattern NUMERIC = java.util.regex.Pattern.compile(
            "[+-]?((\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|NaN|Infinity)");

    /** True for decimal numbers (and NaN/Infinity, so that they are rejected rather than read as text). */
    static boolean looksNumeric(String text) {
        return NUMERIC.matcher(text).matches();
    }

    public double value() {
        return millis / 1000.0;
    }

    public Scalar plus(Scalar other) {
        try {
            return new Scalar(Math.addExact(millis, other.millis));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("scalar " + this + " + " + other + " is too large", e);
        }
    }

    public Scalar minus(Scalar other) {
        try {
            return new Scalar(Math.subtractExact(millis, other.millis));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("scalar " + this + " - " + other + " is too large", e);
        }
    }

    public boolean isZero() {
        return millis == 0;
    }

    @Override
    public boolean isEmpty() {
        return millis == 0;
    }

    @Override
    public int compareTo(Scalar other) {
        return Long.compare(millis, other.millis);
    }

    @Override
    public String typeName() {
        return "SCALAR";
    }

    @Override
    public String format() {
        return BigDecimal.valueOf(millis, 3).setScale(3, RoundingMode.UNNECESSARY)
                .stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return format();
    }
}
