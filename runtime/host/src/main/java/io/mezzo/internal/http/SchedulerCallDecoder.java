package io.mezzo.internal.http;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.master.FrameworkValidation;
import io.mezzo.internal.master.SchedulerCall;
import io.mezzo.internal.master.SubscribeRequest;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.Label;
import io.mezzo.internal.model.OfferId;
import io.mezzo.internal.security.Caller;
import io.mezzo.internal.wire.Msg;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a parsed {@code mesos.v1.scheduler.Call} into a master command, with Mesos's
 * validation ({@code validation.cpp}): what fails here is a 400 ("Failed to validate
 * scheduler::Call: ..."), a call type Mezzo does not implement is a 501. Problems Mesos
 * reports per task (an executor, a container) do not fail the call: they travel with the
 * task and end as TASK_ERROR.
 */
final class SchedulerCallDecoder {
    private SchedulerCallDecoder() {}

    /** The outcome of decoding. */
    sealed interface Decoded permits Subscribe, Call, NotImplemented, Invalid {}

    record Subscribe(Optional<FrameworkId> frameworkId, SubscribeRequest request) implements Decoded {}

    record Call(FrameworkId frameworkId, SchedulerCall call) implements Decoded {}

    record NotImplemented(String message) implements Decoded {}

    record Invalid(String message) implements Decoded {}

    static Decoded decode(Msg call) {
        try {
            return decodeOrThrow(call);
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
        }
    }

    private static Decoded decodeOrThrow(Msg call) {
        if (!call.has("type")) {
            return new Invalid("Expecting 'type' to be present");
        }
        String type = call.enumName("type");
        if (type.equals("UNKNOWN")) {
            return new NotImplemented("Received an UNKNOWN call");
        }
        if (type.equals("SUBSCRIBE")) {
            return subscribe(call);
        }
        if (!call.has("framework_id")) {
            return new Invalid("Expecting 'framework_id' to be present");
        }
        FrameworkId frameworkId = new FrameworkId(call.message("framework_id").string("value"));
        switch (type) {
            case "TEARDOWN":
                return new Call(frameworkId, new SchedulerCall.Teardown());
            case "ACCEPT":
                return accept(frameworkId, require(call, "accept"));
            case "DECLINE": {
                Msg decline = require(call, "decline");
                return new Call(frameworkId, new SchedulerCall.Decline(offerIds(decline), refuse(decline)));
            }
            case "REVIVE":
                return new Call(frameworkId, new SchedulerCall.Revive(roles(call, "revive")));
            case "SUPPRESS":
                return new Call(frameworkId, new SchedulerCall.Suppress(roles(call, "suppress")));
            case "KILL": {
                Msg kill = require(call, "kill");
                return new Call(frameworkId, new SchedulerCall.Kill(taskId(kill.message("task_id")),
                        kill.optionalMessage("agent_id").map(SchedulerCallDecoder::agentId),
                        kill.optionalMessage("kill_policy").flatMap(SchedulerCallDecoder::gracePeriod)));
            }
            case "SHUTDOWN": {
                Msg shutdown = require(call, "shutdown");
                return new Call(frameworkId, new SchedulerCall.Shutdown(
                        executorId(shutdown.message("executor_id")), agentId(shutdown.message("agent_id"))));
            }
            case "ACKNOWLEDGE": {
                Msg ack = require(call, "acknowledge");
                return new Call(frameworkId, new SchedulerCall.Acknowledge(agentId(ack.message("agent_id")),
                        taskId(ack.message("task_id")), uuid(ack.bytes("uuid"))));
            }
            case "RECONCILE": {
                List<SchedulerCall.ReconcileTask> tasks = new ArrayList<>();
                for (Msg t : require(call, "reconcile").messages("tasks")) {
                    tasks.add(new SchedulerCall.ReconcileTask(taskId(t.message("task_id")),
                            t.optionalMessage("agent_id").map(SchedulerCallDecoder::agentId)));
                }
                return new Call(frameworkId, new SchedulerCall.Reconcile(tasks));
            }
            case "MESSAGE":
                return new NotImplemented("MESSAGE is not implemented: Mezzo's command tasks have no executor"
                        + " to receive framework messages");
            case "REQUEST":
                return new NotImplemented("REQUEST is not implemented: Mezzo's allocators do not take resource"
                        + " requests (Mesos's built-in allocator ignores them too)");
            case "ACCEPT_INVERSE_OFFERS":
            case "DECLINE_INVERSE_OFFERS":
                return new NotImplemented(type + " is not implemented: Mezzo makes no inverse offers"
                        + " (there is no maintenance mode yet)");
            case "RECONCILE_OPERATIONS":
            case "ACKNOWLEDGE_OPERATION_STATUS":
                return new NotImplemented(type + " is not implemented: Mezzo has no offer operations with"
                        + " feedback yet");
            case "UPDATE_FRAMEWORK":
                return new NotImplemented("UPDATE_FRAMEWORK is not implemented yet; re-SUBSCRIBE with the"
                        + " framework id to change roles");
            default:
                return new NotImplemented("Call type " + type + " is not implemented");
        }
    }

    private static Decoded subscribe(Msg call) {
        Msg subscribe = require(call, "subscribe");
        Msg info = subscribe.message("framework_info");
        Optional<FrameworkId> infoId = info.optionalMessage("id").map(m -> new FrameworkId(m.string("value")));
        Optional<FrameworkId> callId = call.optionalMessage("framework_id").map(m -> new FrameworkId(m.string("value")));
        if (!infoId.equals(callId)) {
            return new Invalid("'framework_id' differs from 'subscribe.framework_info.id'");
        }
        Optional<Duration> failover = FrameworkValidation.failoverTimeout(info.doubleValue("failover_timeout"));
        if (failover.isEmpty()) {
            return new Invalid("'framework_info.failover_timeout' must be a non-negative number of seconds,"
                    + " not " + info.doubleValue("failover_timeout"));
        }
        Set<String> capabilities = new LinkedHashSet<>();
        for (Msg c : info.messages("capabilities")) {
            if (c.has("type")) {
                capabilities.add(c.enumName("type"));
            }
        }
        FrameworkInfo frameworkInfo = new FrameworkInfo(infoId, info.string("user"), info.string("name"),
                info.strings("roles"), failover.get(), info.bool("checkpoint"), info.optionalString("hostname"),
                info.optionalString("principal"), info.optionalString("webui_url"), capabilities,
                labels(info.optionalMessage("labels")));
        SubscribeRequest request = new SubscribeRequest(frameworkInfo, info.optionalString("role"),
                new LinkedHashSet<>(subscribe.strings("suppressed_roles")));
        return new Subscribe(callId, request);
    }

    /**
     * Mesos's principal check of SUBSCRIBE: a caller authenticated as P subscribes a framework
     * whose {@code principal} is P or absent (then it becomes P); any other is Invalid.
     */
    static Decoded authenticated(Subscribe subscribe, Caller caller) {
        if (caller.principal().isEmpty()) {
            return subscribe;
        }
        String principal = caller.principal().get();
        FrameworkInfo info = subscribe.request().info();
        if (info.principal().isPresent() && !info.principal().get().equals(principal)) {
            return new Invalid("Authenticated principal '" + principal + "' does not match principal '"
                    + info.principal().get() + "' set in FrameworkInfo");
        }
        FrameworkInfo withPrincipal = new FrameworkInfo(info.id(), info.user(), info.name(), info.roles(),
                info.failoverTimeout(), info.checkpoint(), info.hostname(), Optional.of(principal), info.webuiUrl(),
                info.capabilities(), info.labels());
        SubscribeRequest request = subscribe.request();
        return new Subscribe(subscribe.frameworkId(),
                new SubscribeRequest(withPrincipal, request.legacyRole(), request.suppressedRoles()));
    }

    private static Decoded accept(FrameworkId frameworkId, Msg accept) {
        List<SchedulerCall.LaunchRequest> launches = new ArrayList<>();
        List<Msg> operations = accept.messages("operations");
        for (int i = 0; i < operations.size(); i++) {
            Msg operation = operations.get(i);
            if (!operation.has("type")) {
                // Absent, or a name this Mesos version does not know (the reader drops those).
                return new Invalid("Expecting 'accept.operations[" + i + "].type' to be present and one of"
                        + " Offer.Operation.Type's names");
            }
            String type = operation.enumName("type");
            if (!type.equals("LAUNCH")) {
                return new NotImplemented("Offer operation " + type + " is not supported by Mezzo yet;"
                        + " only LAUNCH is");
            }
            for (Msg task : require(operation, "launch").messages("task_infos")) {
                launches.add(TaskInfoDecoder.decode(task));
            }
        }
        return new Call(frameworkId, new SchedulerCall.Accept(offerIds(accept), launches, refuse(accept)));
    }

    private static Msg require(Msg call, String field) {
        if (!call.has(field)) {
            throw new IllegalArgumentException("Expecting '" + field + "' to be present");
        }
        return call.message(field);
    }

    private static List<OfferId> offerIds(Msg msg) {
        List<OfferId> ids = new ArrayList<>();
        for (Msg id : msg.messages("offer_ids")) {
            ids.add(new OfferId(id.string("value")));
        }
        return ids;
    }

    /** {@code filters.refuse_seconds}: absent, negative or NaN mean the default. */
    private static Optional<Duration> refuse(Msg msg) {
        if (!msg.has("filters") || !msg.message("filters").has("refuse_seconds")) {
            return Optional.empty();
        }
        double seconds = msg.message("filters").doubleValue("refuse_seconds");
        if (Double.isNaN(seconds) || seconds < 0) {
            return Optional.empty();
        }
        double capped = Math.min(seconds, 366.0 * 24 * 3600);
        return Optional.of(Duration.ofNanos((long) (capped * 1e9)));
    }

    private static Set<String> roles(Msg call, String field) {
        return call.has(field) ? new LinkedHashSet<>(call.message(field).strings("roles")) : Set.of();
    }

    static TaskId taskId(Msg id) {
        return new TaskId(id.string("value"));
    }

    /**
     * An executor id; Mezzo's command tasks are their own executors, so it names a task and
     * follows the task id rules (it would become a sandbox directory).
     */
    private static String executorId(Msg id) {
        String value = id.string("value");
        try {
            return new TaskId(value).value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid ExecutorId: " + e.getMessage(), e);
        }
    }

    static AgentId agentId(Msg id) {
        return new AgentId(id.string("value"));
    }

    /** {@code kill_policy.grace_period}; negative is refused. */
    static Optional<Duration> gracePeriod(Msg killPolicy) {
        if (!killPolicy.has("grace_period")) {
            return Optional.empty();
        }
        long nanos = killPolicy.message("grace_period").longValue("nanoseconds");
        if (nanos < 0) {
            throw new IllegalArgumentException("kill_policy.grace_period must not be negative");
        }
        return Optional.of(Duration.ofNanos(nanos));
    }

    private static UUID uuid(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("'acknowledge.uuid' must be 16 bytes, not " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong());
    }

    static List<Label> labels(Optional<Msg> labels) {
        List<Label> out = new ArrayList<>();
        labels.ifPresent(l -> {
            for (Msg label : l.messages("labels")) {
                out.add(new Label(label.string("key"), label.optionalString("value")));
            }
        });
        return out;
    }
}
