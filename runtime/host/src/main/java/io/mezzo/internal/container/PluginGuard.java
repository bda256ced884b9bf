package io.mezzo.internal.container;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one door every call into a plugin goes through. Whatever the plugin throws becomes a
 * {@link PluginResult.Failed}, so one broken bundle cannot take its caller down.
 *
 * <p>Every throwable is caught except {@link OutOfMemoryError}, which says the whole process
 * is in trouble. {@link LinkageError}s are caught on purpose: a bundle being uninstalled
 * under a running call throws {@code NoClassDefFoundError}, and that is the plugin's failure.
 *
 * <p>Logging follows Felix's {@code SystemReadyMonitor}: only changes are logged. Per plugin
 * service and operation, the first failure, and a failure of a different exception class, is
 * logged at ERROR with its stack; identical repeats are only counted; the first success after
 * failures is logged at INFO. Thread-safe; calls run on the caller's thread.
 */
public final class PluginGuard {
    private static final Logger LOG = System.getLogger(PluginGuard.class.getName());

    private final ConcurrentMap<Key, Streak> failing = new ConcurrentHashMap<>();

    /** A plugin call that returns nothing. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** Calls {@code call} and returns its value, or the failure it threw as data. */
    public <R> PluginResult<R> call(Plugin<?> plugin, String operation, Callable<R> call) {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(operation, "operation");
        R value;
        try {
            value = call.call();
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            PluginFailure failure = PluginFailure.of(plugin, operation, t);
            failed(plugin, failure, t);
            return new PluginResult.Failed<>(failure);
        }
        succeeded(plugin, operation);
        return new PluginResult.Ok<>(value);
    }

    /** Runs {@code action}; the result is {@code Ok(null)} when it returned. */
    public PluginResult<Void> run(Plugin<?> plugin, String operation, Action action) {
        Objects.requireNonNull(action, "action");
        return call(plugin, operation, () -> {
            action.run();
            return null;
        });
    }

    /** How many calls of {@code operation} on this plugin have failed in a row (0 if the last returned). */
    public long consecutiveFailures(Plugin<?> plugin, String operation) {
        Streak streak = failing.get(new Key(plugin.serviceId(), operation));
        return streak == null ? 0 : streak.count.get();
    }

    private void failed(Plugin<?> plugin, PluginFailure failure, Throwable thrown) {
        Key key = new Key(plugin.serviceId(), failure.operation());
        while (true) {
            Streak current = failing.get(key);
            if (current != null && current.sameKindAs(failure)) {
                current.count.incrementAndGet();
                return;
            }
            Streak next = new Streak(failure);
            boolean won = current == null
                    ? failing.putIfAbsent(key, next) == null
                    : failing.replace(key, current, next);
            if (won) {
                LOG.log(Level.ERROR, failureMessage(plugin, failure, current), thrown);
                return;
            }
        }
    }

    private void succeeded(Plugin<?> plugin, String operation) {
        if (failing.isEmpty()) {
            return;
        }
        Streak ended = failing.remove(new Key(plugin.serviceId(), operation));
        if (ended != null) {
            LOG.log(Level.INFO, "plugin " + plugin.describe() + " recovered: " + operation + " returned again after "
                    + ended.count.get() + " failure(s) with " + ended.failure.exceptionClass());
        }
    }

    private static String failureMessage(Plugin<?> plugin, PluginFailure failure, Streak previous) {
        String head = "plugin " + plugin.describe() + " failed in " + failure.operation() + ": "
                + failure.exceptionClass() + (failure.message().isEmpty() ? "" : ": " + failure.message());
        String history = previous == null ? ""
                : " (before that it failed " + previous.count.get() + " time(s) with " + previous.failure.exceptionClass() + ")";
        return head + history + "; identical failures from now on are counted, not logged";
    }

    private record Key(long serviceId, String operation) {
    }

    /** Consecutive failures of one kind; the count is the only mutable part. */
    private static final class Streak {
        final PluginFailure failure;
        final AtomicLong count = new AtomicLong(1);

        Streak(PluginFailure failure) {
            this.failure = failure;
        }

        boolean sameKindAs(PluginFailure other) {
            return failure.exceptionClass().equals(other.exceptionClass());
        }
    }
}
