package io.mezzo.api;

import java.util.Optional;

/**
 * Mesos's rules for role names. {@code *} is the default role (and means "unreserved" on a
 * resource). A role may be hierarchical ({@code eng/ads}); each segment must be non-empty,
 * not {@code .} or {@code ..}, must not start with {@code -}, and no character may be
 * whitespace, a control character or a backslash.
 */
public final class Roles {
    public static final String DEFAULT = "*";
    public static final int MAX_LENGTH = 255;

    private Roles() {}

    /** The reason {@code role} is invalid, or empty when it is a valid role name. */
    public static Optional<String> problem(String role) {
        if (role == null || role.isEmpty()) {
            return Optional.of("role name must not be empty");
        }
        if (role.equals(DEFAULT)) {
            return Optional.empty();
        }
        String shown = Ids.printable(role);
        if (role.length() > MAX_LENGTH) {
            return Optional.of("role '" + shown + "...' is longer than " + MAX_LENGTH + " characters");
        }
        if (role.startsWith("/") || role.endsWith("/")) {
            return Optional.of("role '" + shown + "' must not start or end with '/'");
        }
        for (int i = 0; i < role.length(); i++) {
            char c = role.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\\') {
                return Optional.of("role '" + shown + "' contains a forbidden character"
                        + " (whitespace, control character or backslash)");
            }
        }
        for (String segment : role.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("role '" + shown + "' contains an empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("role '" + shown + "' must not contain '.' or '..' as a segment");
            }
            if (segment.startsWith("-")) {
                return Optional.of("role '" + shown + "' has a segment starting with '-'");
            }
            if (segment.equals(DEFAULT)) {
                return Optional.of("role '" + shown + "' must not contain '*' as a segment");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a framework in {@code role} may use resources reserved for {@code reservation}:
     * unreserved ({@code *}) ones, its own, and its ancestors' ({@code eng} for {@code eng/ads}).
     */
    public static boolean mayUse(String role, String reservation) {
        return reservation.equals(DEFAULT) || reservation.equals(role) || role.startsWith(reservation + "/");
    }

    /** Returns {@code role} if valid, else throws with the reason. */
    public static String validate(String role) {
        problem(role).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return role;
    }
}
