package io.mezzo.internal.master;

import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Roles;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.model.Reason;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.TaskState;
import io.mezzo.internal.protocol.AgentEvent;
import io.mezzo.internal.security.AuthorizationResult;
import io.mezzo.spi.Action;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ACCEPT with LAUNCH operations: Mesos's validation of each task against the accepted
 * offers, then the launch. Invalid offers fail every task with TASK_LOST (TASK_DROPPED for
 * partition-aware frameworks), a task its framework's principal may not run as its user
 * gets TASK_ERROR (REASON_TASK_UNAUTHORIZED), an invalid task gets TASK_ERROR
 * (REASON_TASK_INVALID), and whatever the accepted offers held that no task uses goes back
 * to the allocator behind the refuse filter.
 */
final class Launches {
    private static final Logger LOG = System.getLogger(Launches.class.getName());

    private final MasterContext ctx;
    private final OfferBook offers;

    Launches(MasterContext ctx, OfferBook offers) {
        this.ctx = ctx;
        this.offers = offers;
    }

    CallResult accept(FrameworkEntry framework, SchedulerCall.Accept accept) {
        ctx.metrics.increment("master/messages_accept_offers");
        OfferBook.Taken taken = offers.take(framework, accept.offerIds());
        if (taken.error().isPresent()) {
            TaskState lost = framework.info.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
            for (SchedulerCall.LaunchRequest launch : accept.launches()) {
                ctx.send(framework, new SchedulerEvent.Update(ctx.masterStatus(launch.task().taskId(), lost,
                        Reason.REASON_INVALID_OFFERS, "Task launched with invalid offers: " + taken.error().get(),
                        Optional.of(launch.task().agentId()))));
                ctx.metrics.increment("master/tasks_" + lost.metricName());
            }
            return CallResult.ACCEPTED;
        }
        Map<String, Resources> remaining = new LinkedHashMap<>();
        for (Offer offer : taken.offers()) {
            remaining.merge(offer.role(), offer.resources(), Resources::plus);
        }
        Offer first = taken.offers().get(0);
        Set<TaskId> launchedNow = new HashSet<>();
        for (SchedulerCall.LaunchRequest launch : accept.launches()) {
            Optional<String> unauthorized = launch.problem().isPresent() ? Optional.empty()
                    : unauthorized(framework, launch.task());
            if (unauthorized.isPresent()) {
                ctx.send(framework, new SchedulerEvent.Update(ctx.masterStatus(launch.task().taskId(),
                        TaskState.TASK_ERROR, Reason.REASON_TASK_UNAUTHORIZED, unauthorized.get(),
                        Optional.of(launch.task().agentId()))));
                ctx.metrics.increment("master/tasks_error");
                continue;
            }
            Optional<String> role = roleOf(framework, launch, remaining);
            Optional<String> problem = launch.problem()
                    .or(() -> validate(framework, launch.task(), first, launchedNow))
                    .or(() -> role.isEmpty() ? Optional.of(roleProblem(framework, launch)) : Optional.empty())
                    .or(() -> fits(launch.task(), remaining.get(role.get())));
            if (problem.isPresent()) {
                ctx.send(framework, new SchedulerEvent.Update(ctx.masterStatus(launch.task().taskId(),
                        TaskState.TASK_ERROR, Reason.REASON_TASK_INVALID, problem.get(),
                        Optional.of(launch.task().agentId()))));
                ctx.metrics.increment("master/tasks_error");
                continue;
            }
            remaining.computeIfPresent(role.get(), (r, pool) -> pool.minus(launch.task().resources()));
            launchedNow.add(launch.task().taskId());
            launch(framework, launch.task(), role.get());
        }
        Optional<java.time.Duration> filter = offers.refuseFilter(accept.refuseFor());
        remaining.forEach((role, left) -> ctx.allocator.recoverResources(framework.id, first.agentId(), role, left,
                filter));
        ctx.requestAllocation();
        return CallResult.ACCEPTED;
    }

    /**
     * Mesos's {@code run_tasks}, asked before the task is validated: may the framework's
     * principal run this task as its user? Empty when it may.
     */
    private Optional<String> unauthorized(FrameworkEntry framework, TaskSpec spec) {
        String user = userOf(framework, spec);
        AuthorizationResult result = ctx.authorizer.check(framework.info.principal(), Action.RUN_TASK, user);
        if (result instanceof AuthorizationResult.Failed failed) {
            return Optional.of("Authorization failure: " + failed.reason());
        }
        if (result instanceof AuthorizationResult.Denied) {
            LOG.log(Level.INFO, () -> "task " + spec.taskId() + " of " + framework.id + " may not run as user '"
                    + user + "'");
            return Optional.of("Not authorized to launch as user '" + user + "'");
        }
        return Optional.empty();
    }

    /** The OS user a task runs as: its command's, else its framework's. */
    private static String userOf(FrameworkEntry framework, TaskSpec spec) {
        return spec.command().user().orElse(framework.info.user());
    }

    private void launch(FrameworkEntry framework, TaskSpec spec, String role) {
        String user = userOf(framework, spec);
        Task task = Task.staging(framework.id, spec, role, user);
        framework.tasks.put(task.id(), task);
        ctx.state.agents.get(spec.agentId()).tasks.add(new TaskKey(framework.id, task.id()));
        ctx.store.putTask(task);
        ctx.sendToAgent(spec.agentId(), new AgentEvent.LaunchTask(framework.id, framework.info, spec));
        ctx.metrics.increment("master/messages_launch_tasks");
        LOG.log(Level.INFO, () -> "launching task " + spec.taskId() + " of " + framework.id + " on agent "
                + spec.agentId() + " with " + spec.resources());
    }

    private Optional<String> validate(FrameworkEntry framework, TaskSpec task, Offer offer, Set<TaskId> launchedNow) {
        if (framework.tasks.containsKey(task.taskId()) || launchedNow.contains(task.taskId())) {
            return Optional.of("Task has duplicate ID: " + task.taskId());
        }
        if (!task.agentId().equals(offer.agentId())) {
            return Optional.of("Task uses agent " + task.agentId() + " but the offers are for agent "
                    + offer.agentId());
        }
        if (task.resources().isEmpty()) {
            return Optional.of("Task uses no resources");
        }
        for (Resource r : task.resources()) {
            if (framework.info.roles().stream().noneMatch(role -> Roles.mayUse(role, r.role()))) {
                return Optional.of("Task uses resources reserved for role '" + r.role()
                        + "', which none of the framework's roles may use");
            }
        }
        return Optional.empty();
    }

    /**
     * The role the task's resources are allocated under: a MULTI_ROLE framework names it in
     * {@code allocation_info.role}; any other framework has exactly one role.
     */
    private static Optional<String> roleOf(FrameworkEntry framework, SchedulerCall.LaunchRequest launch,
                                           Map<String, Resources> offered) {
        if (framework.info.multiRole()) {
            return launch.allocationRole().filter(offered::containsKey);
        }
        String only = framework.info.roles().get(0);
        if (launch.allocationRole().isPresent() && !launch.allocationRole().get().equals(only)) {
            return Optional.empty();
        }
        return offered.containsKey(only) ? Optional.of(only) : Optional.empty();
    }

    private static String roleProblem(FrameworkEntry framework, SchedulerCall.LaunchRequest launch) {
        if (framework.info.multiRole() && launch.allocationRole().isEmpty()) {
            return "Task's resources must set allocation_info.role (the framework is MULTI_ROLE)";
        }
        return "Task's allocation role '" + launch.allocationRole().orElse(framework.info.roles().get(0))
                + "' is not the role of any accepted offer";
    }

    private static Optional<String> fits(TaskSpec task, Resources available) {
        if (available == null || !available.contains(task.resources())) {
            return Optional.of("Task uses more resources " + task.resources() + " than available "
                    + (available == null ? "" : available.toString()));
        }
        return Optional.empty();
    }
}
