package io.mezzo.internal.security;

import io.mezzo.api.Quota;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.master.MasterSnapshot.FrameworkView;
import io.mezzo.internal.master.Task;
import io.mezzo.spi.Action;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A master snapshot cut down to what one caller may see, as Mesos's read endpoints filter
 * ({@code /state}, GET_STATE, GET_FRAMEWORKS, GET_TASKS, GET_QUOTA): frameworks by
 * {@code view_frameworks} (object: the framework's user), their tasks, running and completed,
 * by {@code view_tasks} (object: the task's user; tasks of a hidden framework are hidden too),
 * quotas by {@code get_quotas} (object: the role). Agents, offers' agents and flags are not
 * filtered. Mezzo runs no executors of its own, so {@code view_executors} has nothing to hide.
 *
 * <p>One filtering asks the authorizer once per distinct (action, object): a thousand tasks
 * of one user cost one call.
 */
public final class AuthorizedView {
    private final AuthorizerHost authorizer;
    private final Optional<String> principal;
    private final Map<Action, Map<String, AuthorizationResult>> asked = new HashMap<>();

    /** The outcome: the visible part, or why the authorizer could not say (an HTTP 503). */
    public sealed interface Outcome {
        record Visible(MasterSnapshot snapshot) implements Outcome {
            public Visible {
                Objects.requireNonNull(snapshot, "snapshot");
            }
        }

        record Failed(String reason) implements Outcome {
        }
    }

    private AuthorizedView(AuthorizerHost authorizer, Optional<String> principal) {
        this.authorizer = authorizer;
        this.principal = principal;
    }

    /** Frameworks and their tasks as {@code caller} may see them. */
    public static Outcome frameworks(MasterSnapshot snapshot, Caller caller, AuthorizerHost authorizer) {
        AuthorizedView view = new AuthorizedView(authorizer, caller.principal());
        try {
            return new Outcome.Visible(new MasterSnapshot(snapshot.info(), snapshot.startTime(),
                    snapshot.electedTime(), snapshot.allocator(), snapshot.flags(), snapshot.agents(),
                    snapshot.unreachableAgents(), view.visible(snapshot.frameworks()),
                    view.visible(snapshot.completedFrameworks()), snapshot.offers(), snapshot.weights(),
                    snapshot.quotas(), snapshot.fairnessExcludedResources()));
        } catch (Undecided e) {
            return new Outcome.Failed(e.reason);
        }
    }

    /** As {@link #frameworks}, and the quotas {@code caller} may see. */
    public static Outcome frameworksAndQuotas(MasterSnapshot snapshot, Caller caller, AuthorizerHost authorizer) {
        Outcome frameworks = frameworks(snapshot, caller, authorizer);
        if (!(frameworks instanceof Outcome.Visible visible)) {
            return frameworks;
        }
        AuthorizedView view = new AuthorizedView(authorizer, caller.principal());
        Map<String, Quota> quotas = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Quota> e : snapshot.quotas().entrySet()) {
                if (view.allowed(Action.GET_QUOTA, e.getKey())) {
                    quotas.put(e.getKey(), e.getValue());
                }
            }
        } catch (Undecided e) {
            return new Outcome.Failed(e.reason);
        }
        MasterSnapshot s = visible.snapshot();
        return new Outcome.Visible(new MasterSnapshot(s.info(), s.startTime(), s.electedTime(), s.allocator(),
                s.flags(), s.agents(), s.unreachableAgents(), s.frameworks(), s.completedFrameworks(), s.offers(),
                s.weights(), quotas, s.fairnessExcludedResources()));
    }

    private List<FrameworkView> visible(List<FrameworkView> frameworks) throws Undecided {
        List<FrameworkView> out = new ArrayList<>();
        for (FrameworkView f : frameworks) {
            if (allowed(Action.VIEW_FRAMEWORK, f.info().user())) {
                out.add(new FrameworkView(f.id(), f.info(), f.state(), f.registeredTime(), f.reregisteredTime(),
                        f.unregisteredTime(), f.suppressedRoles(), visibleTasks(f.tasks()),
                        visibleTasks(f.completedTasks()), f.offers(), f.used(), f.offered()));
            }
        }
        return out;
    }

    private List<Task> visibleTasks(List<Task> tasks) throws Undecided {
        List<Task> out = new ArrayList<>();
        for (Task t : tasks) {
            if (allowed(Action.VIEW_TASK, t.user())) {
                out.add(t);
            }
        }
        return out;
    }

    private boolean allowed(Action action, String object) throws Undecided {
        AuthorizationResult result = asked.computeIfAbsent(action, a -> new HashMap<>())
                .computeIfAbsent(object, o -> authorizer.check(principal, action, o));
        if (result instanceof AuthorizationResult.Failed failed) {
            throw new Undecided(failed.reason());
        }
        return result instanceof AuthorizationResult.Allowed;
    }

    /** Ends a filtering the authorizer could not complete; never leaves this class. */
    private static final class Undecided extends Exception {
        final String reason;

        Undecided(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }
}
