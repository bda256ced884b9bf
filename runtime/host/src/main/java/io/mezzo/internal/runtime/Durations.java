package io.mezzo.internal.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Mesos flags write them ({@code 1secs}, {@code 500ms}, {@code 5mins},
 * {@code 2hrs}, {@code 1days}, {@code 1weeks}, {@code 10ns}, {@code 10us}), plus the short
 * forms {@code s}, {@code m}, {@code h} and {@code d}. Fractions are allowed ({@code 1.5secs}).
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-z]+)");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': expected a number and a unit,"
                    + " e.g. 1secs, 500ms, 5mins");
        }
        double amount = Double.parseDouble(m.group(1));
        double nanos;
        switch (m.group(2)) {
            case "ns": nanos = 1; break;
            case "us": nanos = 1e3; break;
            case "ms": nanos = 1e6; break;
            case "s": case "sec": case "secs": nanos = 1e9; break;
            case "m": case "min": case "mins": nanos = 60e9; break;
            case "h": case "hr": case "hrs": nanos = 3600e9; break;
            case "d": case "day": case "days": nanos = 86400e9; break;
            case "w": case "week": case "weeks": nanos = 604800e9; break;
            default:
                throw new IllegalArgumentException("invalid duration '" + text + "': unknown unit '" + m.group(2)
                        + "' (use ns, us, ms, secs, mins, hrs, days or weeks)");
        }
        double total = amount * nanos;
        if (total > Long.MAX_VALUE) {
            throw new IllegalArgumentException("duration '" + text + "' is too long");
        }
        return Duration.ofNanos((long) total);
    }

    /** Mesos's rendering, for flags in {@code /state}: {@code 1secs}, {@code 500ms}, {@code 5mins}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 60_000_000_000L == 0 && nanos != 0) {
            return nanos / 60_000_000_000L + "mins";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "secs";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos + "ns";
    }
}
