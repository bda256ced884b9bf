package io.mezzo.internal.agent.fetch;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as Mesos flags write them: {@code 2GB}, {@code 512MB}, {@code 100KB},
 * {@code 1TB}, {@code 0B} (binary multiples, as Mesos's {@code Bytes}). A bare number is bytes.
 */
public final class ByteSizes {
    private static final Pattern FORM = Pattern.compile("([0-9]+)\\s*([a-z]*)");

    private ByteSizes() {}

    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a byte size is required, e.g. 2GB");
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid byte size '" + text + "': expected a number and a unit,"
                    + " e.g. 2GB, 512MB, 0B");
        }
        long shift;
        switch (m.group(2)) {
            case "", "b": shift = 0; break;
            case "kb": shift = 10; break;
            case "mb": shift = 20; break;
            case "gb": shift = 30; break;
            case "tb": shift = 40; break;
            default:
                throw new IllegalArgumentException("invalid byte size '" + text + "': unknown unit '" + m.group(2)
                        + "' (use B, KB, MB, GB or TB)");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("byte size '" + text + "' is too large", e);
        }
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("byte size '" + text + "' is too large");
        }
        return amount << shift;
    }

    /** The largest exact unit: {@code 2GB}, {@code 1536MB}, {@code 10B}. */
    public static String format(long bytes) {
        String[] units = {"TB", "GB", "MB", "KB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + "B";
    }
}
