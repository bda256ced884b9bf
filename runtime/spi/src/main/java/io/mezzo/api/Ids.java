package io.mezzo.api;

/**
 * Validation shared by every identifier. The rules are Mesos's ({@code validateID}): an id
 * ends up as a directory name in a sandbox path, so it must be a single, harmless path
 * component.
 */
final class Ids {
    static final int MAX_LENGTH = 255;

    private Ids() {}

    static String validate(String kind, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(kind + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    kind + " must not be longer than " + MAX_LENGTH + " characters");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(kind + " '" + value + "' is not allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new IllegalArgumentException(kind + " '" + printable(value)
                        + "' contains a forbidden character (slash, backslash, whitespace or control)");
            }
        }
        return value;
    }

    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 80; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
