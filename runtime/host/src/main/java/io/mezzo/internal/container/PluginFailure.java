package io.mezzo.internal.container;

import java.util.Objects;

/**
 * A plugin call that threw, as data: what the caller maps to an error (an HTTP 503, a failed
 * task status) instead of letting the throwable travel.
 *
 * @param pluginName     the plugin's {@link Plugin#name()}
 * @param operation      what the host asked of it, e.g. {@code allocate}
 * @param exceptionClass the thrown class's name
 * @param message        the throwable's message, empty when it had none
 */
public record PluginFailure(String pluginName, String operation, String exceptionClass, String message) {

    public PluginFailure {
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        message = message == null ? "" : message;
    }

    static PluginFailure of(Plugin<?> plugin, String operation, Throwable thrown) {
        return new PluginFailure(plugin.name(), operation, thrown.getClass().getName(), thrown.getMessage());
    }

    /** {@code plugin 'drf' failed in allocate: java.lang.IllegalStateException: boom}. */
    public String describe() {
        return "plugin '" + pluginName + "' failed in " + operation + ": " + exceptionClass
                + (message.isEmpty() ? "" : ": " + message);
    }
}
