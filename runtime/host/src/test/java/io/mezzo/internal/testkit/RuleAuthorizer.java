package io.mezzo.internal.testkit;

import io.mezzo.internal.container.Plugin;
import io.mezzo.spi.Action;
import io.mezzo.spi.Authorization;
import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import io.mezzo.spi.Authorizer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authorizer plugin for host tests: its decisions are a rule written in the test (no ACL
 * parsing; that is the authorizer bundle's business), and it records what it was asked.
 */
public final class RuleAuthorizer implements Authorizer {

    /** The decision; may throw to play an authorizer that cannot decide. */
    @FunctionalInterface
    public interface Rule {
        boolean allows(Optional<String> principal, Action action, String object) throws AuthorizationException;
    }

    private final Rule rule;
    private final Optional<String> rejectAcls;
    /** The settings of every {@link #open}, in order. */
    public final List<AuthorizationSettings> opened = new CopyOnWriteArrayList<>();
    /** How many opened authorizations were closed. */
    public final AtomicInteger closed = new AtomicInteger();
    /** Every question, as {@code principal|ACTION|object} ({@code -} for no principal). */
    public final List<String> asked = new CopyOnWriteArrayList<>();

    private RuleAuthorizer(Rule rule, Optional<String> rejectAcls) {
        this.rule = rule;
        this.rejectAcls = rejectAcls;
    }

    public static RuleAuthorizer of(Rule rule) {
        return new RuleAuthorizer(rule, Optional.empty());
    }

    /** One whose {@code open} refuses the ACLs with {@code message}. */
    public static RuleAuthorizer rejectingAcls(String message) {
        return new RuleAuthorizer((p, a, o) -> true, Optional.of(message));
    }

    /** This authorizer as the host's slot would hold it. */
    public Plugin<Authorizer> plugin(String name, long serviceId) {
        return new Plugin<>(this, name, 0, "io.mezzo.test." + name, "0.0.1", serviceId);
    }

    @Override
    public Authorization open(AuthorizationSettings settings) throws AuthorizationException {
        opened.add(settings);
        if (rejectAcls.isPresent()) {
            throw new AuthorizationException(rejectAcls.get());
        }
        return new Authorization() {
            @Override
            public boolean authorized(Optional<String> principal, Action action, String object)
                    throws AuthorizationException {
                asked.add(principal.orElse("-") + "|" + action + "|" + object);
                return rule.allows(principal, action, object);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }
}
