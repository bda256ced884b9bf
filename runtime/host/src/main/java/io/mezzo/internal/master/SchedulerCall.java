package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.model.OfferId;
import io.mezzo.internal.model.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A scheduler call other than SUBSCRIBE, already parsed and structurally validated by the
 * HTTP adapter. Call types Mezzo does not implement never get this far (the adapter
 * answers 501).
 */
public sealed interface SchedulerCall permits SchedulerCall.Teardown, SchedulerCall.Accept,
        SchedulerCall.Decline, SchedulerCall.Revive, SchedulerCall.Suppress, SchedulerCall.Kill,
        SchedulerCall.Shutdown, SchedulerCall.Acknowledge, SchedulerCall.Reconcile {

    /** Mesos's name of the call type, for logs and metrics. */
    String type();

    record Teardown() implements SchedulerCall {
        @Override
        public String type() {
            return "TEARDOWN";
        }
    }

    /**
     * @param refuseFor {@code filters.refuse_seconds} when given; the master's default otherwise
     */
    record Accept(List<OfferId> offerIds, List<LaunchRequest> launches, Optional<Duration> refuseFor)
            implements SchedulerCall {
        public Accept {
            offerIds = List.copyOf(offerIds);
            launches = List.copyOf(launches);
        }

        @Override
        public String type() {
            return "ACCEPT";
        }
    }

    /**
     * One task of a LAUNCH operation. {@code problem} holds why the task is invalid when the
     * adapter already knows (e.g. it uses an executor, which Mezzo does not run); such a task
     * is answered with TASK_ERROR, as Mesos does.
     *
     * @param allocationRole the {@code allocation_info.role} its resources carry, if any
     */
    record LaunchRequest(TaskSpec task, Optional<String> allocationRole, Optional<String> problem) {}

    record Decline(List<OfferId> offerIds, Optional<Duration> refuseFor) implements SchedulerCall {
        public Decline {
            offerIds = List.copyOf(offerIds);
        }

        @Override
        public String type() {
            return "DECLINE";
        }
    }

    /** Roles empty means all of the framework's roles. */
    record Revive(Set<String> roles) implements SchedulerCall {
        public Revive {
            roles = Set.copyOf(roles);
        }

        @Override
        public String type() {
            return "REVIVE";
        }
    }

    record Suppress(Set<String> roles) implements SchedulerCall {
        public Suppress {
            roles = Set.copyOf(roles);
        }

        @Override
        public String type() {
            return "SUPPRESS";
        }
    }

    record Kill(TaskId taskId, Optional<AgentId> agentId, Optional<Duration> gracePeriod) implements SchedulerCall {
        @Override
        public String type() {
            return "KILL";
        }
    }

    /** Shut down an executor; a command task's executor id is its task id. */
    record Shutdown(String executorId, AgentId agentId) implements SchedulerCall {
        @Override
        public String type() {
            return "SHUTDOWN";
        }
    }

    record Acknowledge(AgentId agentId, TaskId taskId, UUID uuid) implements SchedulerCall {
        @Override
        public String type() {
            return "ACKNOWLEDGE";
        }
    }

    /** Empty {@code tasks} is implicit reconciliation (every task the master knows). */
    record Reconcile(List<ReconcileTask> tasks) implements SchedulerCall {
        public Reconcile {
            tasks = List.copyOf(tasks);
        }

        @Override
        public String type() {
            return "RECONCILE";
        }
    }

    record ReconcileTask(TaskId taskId, Optional<AgentId> agentId) {}
}
