package io.mezzo.internal.wire;

/**
 * A Mesos v1 message that cannot be read or built: bad JSON, a value of the wrong type,
 * missing required fields, a truncated protobuf. The message names the field path and the
 * problem ({@code subscribe.framework_info.failover_timeout: expected a number, got "abc"}),
 * so the HTTP layer can return it verbatim as a 400 body.
 */
public final class WireFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
