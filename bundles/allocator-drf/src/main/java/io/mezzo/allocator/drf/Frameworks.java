package io.mezzo.allocator.drf;

import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The frameworks and their life cycle: subscriptions to roles, activity, suppression, and the
 * filters those drop. A subscription is active in its role's sorter exactly while the
 * framework is active, subscribed to the role and not suppressed there ({@link RoleBook#refresh}).
 */
final class Frameworks {
    private static final System.Logger LOG = System.getLogger(Frameworks.class.getName());

    private final RoleBook roles;
    private final Ledger ledger;
    private final FilterBook filters;
    private final Map<FrameworkId, FrameworkState> byId = new HashMap<>();

    Frameworks(RoleBook roles, Ledger ledger, FilterBook filters) {
        this.roles = roles;
        this.ledger = ledger;
        this.filters = filters;
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Adds (or replaces) a framework; what its agents declared for it before now counts for it. */
    FrameworkState add(FrameworkId id, FrameworkSpec spec, boolean active, Set<String> suppressedRoles) {
        FrameworkState known = byId.get(id);
        if (known != null && known.added()) {
            LOG.log(Level.DEBUG, "framework {0} added again; replacing it", id);
            remove(id);
        }
        FrameworkState framework = byId.computeIfAbsent(id, FrameworkState::new);
        framework.spec(spec);
        framework.active = active;
        framework.suppressed.addAll(suppressedRoles);
        for (String role : framework.roles()) {
            roles.subscription(framework, role).subscribed = true;
        }
        ledger.track(framework);
        framework.subscriptions.values().forEach(roles::refresh);
        return framework;
    }

    /** Forgets the framework: its filters, then everything it holds, then its subscriptions. */
    void remove(FrameworkId id) {
        FrameworkState framework = byId.remove(id);
        if (framework == null) {
            LOG.log(Level.DEBUG, "removeFramework: unknown framework {0}", id);
            return;
        }
        for (Subscription sub : List.copyOf(framework.subscriptions.values())) {
            filters.clear(sub);
            sub.subscribed = false;
            roles.refresh(sub);
        }
        ledger.releaseAll(framework);
        for (Subscription sub : List.copyOf(framework.subscriptions.values())) {
            roles.drop(sub);
        }
    }

    /** An added framework, or empty (logged) when there is none with that id. */
    Optional<FrameworkState> added(FrameworkId id, String event) {
        FrameworkState framework = byId.get(id);
        if (framework == null || !framework.added()) {
            LOG.log(Level.DEBUG, "{0}: unknown framework {1}; ignored", event, id);
            return Optional.empty();
        }
        return Optional.of(framework);
    }

    /** The framework, added or only known as a holder of declared usage. */
    Optional<FrameworkState> any(FrameworkId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The framework to charge declared usage to: known, or a placeholder until it is added. */
    FrameworkState holder(FrameworkId id) {
        return byId.computeIfAbsent(id, missing -> {
            LOG.log(Level.DEBUG, "usage of unknown framework {0}; held until it is added", missing);
            return new FrameworkState(missing);
        });
    }

    /** Drops a placeholder that no longer holds anything. */
    void forgetIfPlaceholder(FrameworkState framework) {
        if (!framework.added() && framework.heldOn.isEmpty()) {
            byId.remove(framework.id, framework);
        }
    }

    /**
     * Connects or disconnects the framework. Disconnecting drops its filters, as in Mesos: when
     * it comes back it starts clean rather than from declines it made before.
     */
    void activate(FrameworkState framework, boolean active) {
        framework.active = active;
        for (Subscription sub : framework.subscriptions.values()) {
            if (!active) {
                filters.clear(sub);
            }
            roles.refresh(sub);
        }
    }

    /**
     * Takes the roles and suppressed roles of a re-subscription. Filters in roles it left are
     * dropped; a role that stops being suppressed is revived (its filters dropped), as Mesos does.
     */
    void update(FrameworkState framework, FrameworkSpec spec, Set<String> suppressedRoles) {
        Set<String> before = framework.roles();
        Set<String> wasSuppressed = new HashSet<>(framework.suppressed);
        framework.spec(spec);
        Set<String> after = framework.roles();
        for (String role : after) {
            roles.subscription(framework, role).subscribed = true;
        }
        for (String role : before) {
            Subscription sub = framework.subscriptions.get(role);
            if (!after.contains(role) && sub != null) {
                filters.clear(sub);
                sub.subscribed = false;
            }
        }
        framework.suppressed.clear();
        framework.suppressed.addAll(suppressedRoles);
        for (String role : wasSuppressed) {
            Subscription sub = framework.subscriptions.get(role);
            if (!suppressedRoles.contains(role) && after.contains(role) && sub != null) {
                filters.clear(sub);
            }
        }
        for (Subscription sub : List.copyOf(framework.subscriptions.values())) {
            roles.refresh(sub);
            if (sub.idle()) {
                roles.drop(sub);
            }
        }
    }

    /** Suppresses the roles, or all of the framework's roles when {@code targets} is empty. */
    void suppress(FrameworkState framework, Set<String> targets) {
        framework.suppressed.addAll(targets.isEmpty() ? framework.roles() : targets);
        framework.subscriptions.values().forEach(roles::refresh);
    }

    /** Unsuppresses the roles (all when empty) and drops the framework's filters in them. */
    void revive(FrameworkState framework, Set<String> targets) {
        if (targets.isEmpty()) {
            framework.suppressed.clear();
        } else {
            framework.suppressed.removeAll(targets);
        }
        for (Subscription sub : framework.subscriptions.values()) {
            if (targets.isEmpty() || targets.contains(sub.role.name)) {
                filters.clear(sub);
            }
            roles.refresh(sub);
        }
    }
}
