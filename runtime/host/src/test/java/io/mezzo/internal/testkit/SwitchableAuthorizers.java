package io.mezzo.internal.testkit;

import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.security.AuthorizerSource;
import io.mezzo.spi.Authorizer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A slot-like source the test changes: listeners hear of each change on the test's thread. */
public final class SwitchableAuthorizers implements AuthorizerSource {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<Plugin<Authorizer>> current;

    public SwitchableAuthorizers(Optional<Plugin<Authorizer>> initial) {
        this.current = initial;
    }

    public void set(Optional<Plugin<Authorizer>> next) {
        current = next;
        listeners.forEach(Runnable::run);
    }

    @Override
    public Optional<Plugin<Authorizer>> current() {
        return current;
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
