package io.mezzo.authenticator;

/**
 * Makes client-supplied text safe for one log line: control characters escaped, length cut,
 * so a principal cannot forge log lines or flood the log.
 */
final class Printable {
    private static final int MAX_CHARS = 128;

    private Printable() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
        int end = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append("...");
        }
        return out.toString();
    }
}
