package io.mezzo.internal.wire;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Writes doubles the way Mesos does (rapidjson's {@code Writer::Double}): the shortest digits
 * that read back to the same double, laid out as decimals with at least one fractional digit
 * ({@code 15.0}, {@code 0.5}, {@code 1724422800.123456}, {@code 100000000000000000000.0}),
 * switching to exponents only from 1e21 up and below 1e-6 ({@code 1e21}, {@code 1.5e-7}).
 *
 * <p>The digits come from Jackson's Schubfach implementation, because {@code Double.toString}
 * on Java 17 sometimes emits a longer-than-necessary digit string. rapidjson uses Grisu2,
 * which agrees with the shortest digits for nearly every double and always reads back equal.
 */
final class JsonDoubles {
    /** rapidjson switches to exponent notation past 21 integer digits. */
    private static final int MAX_PLAIN_DIGITS = 21;

    private JsonDoubles() {}

    static void append(StringBuilder out, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            // rapidjson would emit a bare NaN/Infinity token, which is not JSON; a string is
            // valid JSON and reads back through Mesos's (and our) numeric-string rule.
            out.append('"').append(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity").append('"');
            return;
        }
        if (value == 0) {
            out.append(1 / value < 0 ? "-0.0" : "0.0");
            return;
        }
        if (value < 0) {
            out.append('-');
            value = -value;
        }
        // Java notation: "123.45" for 1e-3 <= v < 1e7, "1.2345E10" / "1.0E-5" otherwise.
        String java = NumberOutput.toString(value, true);
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        // value = digits × 10^k
        int k = exponent - (mantissa.length() - dot - 1);
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
            k++;
        }
        int start = 0;
        while (start < end - 1 && digits.charAt(start) == '0') {
            start++;
        }
        String shortest = digits.substring(start, end);
        if (shortest.length() == 2 && value < Double.MIN_NORMAL) {
            // Java prints at least two digits (4.9E-324) where one reads back the same (5e-324).
            String one = Integer.toString((Integer.parseInt(shortest) + 5) / 10);
            if (one.length() == 1 && Double.parseDouble(one + "E" + (k + 1)) == value) {
                shortest = one;
                k++;
            }
        }
        prettify(out, shortest, k);
    }

    /** Lays out {@code digits × 10^k} (digits without leading or trailing zeros) like rapidjson. */
    private static void prettify(StringBuilder out, String digits, int k) {
        int length = digits.length();
        int kk = length + k; // 10^(kk-1) <= value < 10^kk
        if (k >= 0 && kk <= MAX_PLAIN_DIGITS) {
            out.append(digits);
            out.append("0".repeat(k));
            out.append(".0");
        } else if (kk > 0 && kk <= MAX_PLAIN_DIGITS) {
            out.append(digits, 0, kk).append('.').append(digits, kk, length);
        } else if (kk > -6 && kk <= 0) {
            out.append("0.");
            out.append("0".repeat(-kk));
            out.append(digits);
        } else if (length == 1) {
            out.append(digits).append('e').append(kk - 1);
        } else {
            out.append(digits.charAt(0)).append('.').append(digits, 1, length).append('e').append(kk - 1);
        }
    }
}
