package io.mezzo.internal.js;

/**
 * A {@code ctx} call the script got wrong; the prelude throws it in JS as a {@code TypeError}
 * (a bad argument) or an {@code Error} (a valid request that cannot be done).
 */
final class ActionError extends RuntimeException {
    private final boolean typeError;

    private ActionError(String message, boolean typeError) {
        super(message, null, false, false);
        this.typeError = typeError;
    }

    static ActionError type(String message) {
        return new ActionError(message, true);
    }

    static ActionError error(String message) {
        return new ActionError(message, false);
    }

    /** The JS constructor to throw: {@code TypeError} or {@code Error}. */
    String jsType() {
        return typeError ? "TypeError" : "Error";
    }
}
