package io.mezzo.allocator.drf;

import java.util.BitSet;

/**
 * A framework as a client of one role's framework sorter. It exists while the framework
 * subscribes to the role or holds resources in it (a framework that left a role keeps its
 * tasks there, and they keep counting), and it is offered resources only while
 * {@link RoleBook#refresh active}.
 */
final class Subscription {
    final FrameworkState framework;
    final RoleState role;
    /** The framework's handle in {@code role.frameworks()}. */
    final int handle;
    boolean subscribed;
    /** Agents on which the framework holds something in this role. */
    int holdings;
    /** Agents on which it holds refuse filters in this role (by agent index). */
    final BitSet filteredAgents = new BitSet();

    Subscription(FrameworkState framework, RoleState role, int handle) {
        this.framework = framework;
        this.role = role;
        this.handle = handle;
    }

    boolean idle() {
        return !subscribed && holdings == 0;
    }
}
