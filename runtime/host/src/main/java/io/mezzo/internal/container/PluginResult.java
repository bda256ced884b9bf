package io.mezzo.internal.container;

import java.util.Objects;
import java.util.Optional;

/** What a guarded plugin call gave: its value, or the failure it was turned into. */
public sealed interface PluginResult<R> {

    /** The call returned; {@code value} is whatever the plugin returned, null included. */
    record Ok<R>(R value) implements PluginResult<R> {
    }

    /** The call threw; the throwable has been logged (once per change) and left behind. */
    record Failed<R>(PluginFailure failure) implements PluginResult<R> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The returned value; empty when the call failed or returned null. */
    default Optional<R> valueIfOk() {
        return this instanceof Ok<R> ok ? Optional.ofNullable(ok.value()) : Optional.empty();
    }

    /** The returned value, or {@code fallback} when the call failed or returned null. */
    default R orElse(R fallback) {
        return valueIfOk().orElse(fallback);
    }

    /** The failure; empty when the call returned. */
    default Optional<PluginFailure> failureIfFailed() {
        return this instanceof Failed<R> failed ? Optional.of(failed.failure()) : Optional.empty();
    }
}
