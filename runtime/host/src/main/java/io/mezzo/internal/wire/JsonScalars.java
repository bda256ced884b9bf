package io.mezzo.internal.wire;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Numbers, numeric strings and map keys for Mesos JSON. stout accepts a number written as a
 * JSON string ({@code "123"}, {@code "1.5"}) by parsing the string as a JSON number, and
 * {@code "Infinity"}, {@code "-Infinity"} and {@code "NaN"} for doubles. Problems are thrown
 * as {@link WireFormatException} without a path; the caller adds it.
 */
final class JsonScalars {
    private static final Pattern JSON_NUMBER =
            Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    /** Jackson's own limit for number tokens; longer strings are not numbers worth parsing. */
    private static final int MAX_NUMBER_CHARS = 1000;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private JsonScalars() {}

    /** A floating-point field's value: a Double or, for float fields, a Float. */
    static Object floating(FieldDescriptor field, double value) {
        return field.getJavaType() == FieldDescriptor.JavaType.FLOAT ? (Object) (float) value : (Object) value;
    }

    /** A number written as a JSON string, for any numeric field. */
    static Object fromString(FieldDescriptor field, String raw) {
        String text = raw.strip();
        boolean floatingField = field.getJavaType() == FieldDescriptor.JavaType.DOUBLE
                || field.getJavaType() == FieldDescriptor.JavaType.FLOAT;
        if (floatingField) {
            switch (text) {
                case "Infinity":
                    return floating(field, Double.POSITIVE_INFINITY);
                case "-Infinity":
                    return floating(field, Double.NEGATIVE_INFINITY);
                case "NaN":
                    return floating(field, Double.NaN);
                default:
                    break;
            }
        }
        if (text.length() > MAX_NUMBER_CHARS || !JSON_NUMBER.matcher(text).matches()) {
            throw new WireFormatException("expected a number, got " + quote(raw));
        }
        if (floatingField) {
            return floating(field, Double.parseDouble(text));
        }
        return integral(field, new BigDecimal(text));
    }

    /** An integer field's value (Integer or Long, unsigned types in two's complement) from an exact number. */
    static Object integral(FieldDescriptor field, BigDecimal value) {
        if (value.signum() == 0) {
            return integral(field, 0L);
        }
        // Digits left of the point; checked first so that 1e999999999 is not expanded.
        if (value.precision() - value.scale() > 21) {
            throw outOfRange(field, value.toString());
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw new WireFormatException("expected an integer, got " + shorten(value.toString()));
        }
        return integral(field, stripped.toBigIntegerExact());
    }

    static Object integral(FieldDescriptor field, BigInteger value) {
        if (value.bitLength() <= 63) {
            return integral(field, value.longValue());
        }
        boolean unsigned64 = field.getType() == FieldDescriptor.Type.UINT64
                || field.getType() == FieldDescriptor.Type.FIXED64;
        if (unsigned64 && value.signum() > 0 && value.compareTo(TWO_TO_64) < 0) {
            return value.longValue();
        }
        throw outOfRange(field, value.toString());
    }

    static Object integral(FieldDescriptor field, long value) {
        switch (field.getType()) {
            case INT32:
            case SINT32:
            case SFIXED32:
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw outOfRange(field, Long.toString(value));
                }
                return (int) value;
            case UINT32:
            case FIXED32:
                if (value < 0 || value > 0xFFFF_FFFFL) {
                    throw outOfRange(field, Long.toString(value));
                }
                return (int) value;
            case INT64:
            case SINT64:
            case SFIXED64:
                return value;
            case UINT64:
            case FIXED64:
                if (value < 0) {
                    throw outOfRange(field, Long.toString(value));
                }
                return value;
            default:
                throw new IllegalArgumentException(field.getFullName() + " is not an integer field");
        }
    }

    /** A map key, which JSON always writes as a string. */
    static Object mapKey(FieldDescriptor keyField, String key) {
        switch (keyField.getJavaType()) {
            case STRING:
                return key;
            case BOOLEAN:
                if (key.equals("true") || key.equals("false")) {
                    return Boolean.valueOf(key);
                }
                throw new WireFormatException("expected a boolean map key, got " + quote(key));
            case INT:
            case LONG:
                return fromString(keyField, key);
            default:
                throw new IllegalArgumentException(keyField.getFullName() + " cannot be a map key");
        }
    }

    private static WireFormatException outOfRange(FieldDescriptor field, String text) {
        return new WireFormatException(shorten(text) + " is out of range for "
                + field.getType().name().toLowerCase(java.util.Locale.ROOT));
    }

    static String quote(String text) {
        return '"' + shorten(text) + '"';
    }

    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
