package io.mezzo.internal.master;

/**
 * How the master answered a call, in Mesos's terms; the HTTP adapter maps these to status
 * codes (202, 400, 403).
 */
public sealed interface CallResult permits CallResult.Accepted, CallResult.Invalid, CallResult.Forbidden {

    record Accepted() implements CallResult {}

    /** The request is wrong (unknown framework, stream id mismatch, ...): 400. */
    record Invalid(String message) implements CallResult {}

    /** The caller may not do this now (framework not subscribed): 403. */
    record Forbidden(String message) implements CallResult {}

    CallResult ACCEPTED = new Accepted();
}
