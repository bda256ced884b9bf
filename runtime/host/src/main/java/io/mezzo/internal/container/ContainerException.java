package io.mezzo.internal.container;

/** The plugin container could not start; the message names what was wrong (a directory, the framework). */
public final class ContainerException extends Exception {
    private static final long serialVersionUID = 1L;

    public ContainerException(String message) {
        super(message);
    }

    public ContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
