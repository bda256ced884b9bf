package io.mezzo.internal.http;

import io.mezzo.api.Attribute;
import io.mezzo.api.Resources;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.master.MasterSnapshot.AgentView;
import io.mezzo.internal.master.MasterSnapshot.FrameworkView;
import io.mezzo.internal.master.Task;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.Label;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.wire.MesosSchema;
import io.mezzo.internal.wire.MsgBuilder;
import java.time.Instant;
import java.util.Optional;

/** Builds the {@code mesos.v1.master.Response} payloads of the read-only operator calls. */
final class OperatorResponses {
    private static final com.google.protobuf.Descriptors.Descriptor AGENT =
            MesosSchema.OPERATOR_RESPONSE.findNestedTypeByName("GetAgents").findNestedTypeByName("Agent");
    private OperatorResponses() {}

    static void agents(MsgBuilder getAgents, MasterSnapshot s) {
        for (AgentView a : s.agents()) {
            getAgents.add("agents", agent(a, s));
        }
    }

    private static MsgBuilder agent(AgentView a, MasterSnapshot s) {
        MsgBuilder info = MsgBuilder.of(MesosSchema.AGENT_INFO)
                .set("hostname", a.info().hostname())
                .set("port", a.info().port())
                .set("id", SchedulerEventEncoder.id(MesosSchema.AGENT_ID, a.id().value()));
        ResourceCodec.encode(a.info().resources(), Optional.empty(), false).forEach(r -> info.add("resources", r));
        for (Attribute attr : a.info().attributes()) {
            info.add("attributes", ResourceCodec.attribute(attr));
        }
        MsgBuilder b = MsgBuilder.of(AGENT).set("agent_info", info)
                .set("active", a.connected())
                .set("deactivated", false)
                .set("version", s.info().version())
                .set("pid", "slave(1)@" + a.info().hostname() + ":" + a.info().port())
                .set("registered_time", time(a.registeredTime()));
        a.reregisteredTime().ifPresent(t -> b.set("reregistered_time", time(t)));
        resources(b, "total_resources", a.info().resources());
        resources(b, "allocated_resources", a.used());
        resources(b, "offered_resources", a.offered());
        return b;
    }

    static void frameworks(MsgBuilder getFrameworks, MasterSnapshot s) {
        for (FrameworkView f : s.frameworks()) {
            getFrameworks.add("frameworks", framework(f, getFrameworks));
        }
        for (FrameworkView f : s.completedFrameworks()) {
            getFrameworks.add("completed_frameworks", framework(f, getFrameworks));
        }
    }

    private static MsgBuilder framework(FrameworkView f, MsgBuilder parent) {
        MsgBuilder b = MsgBuilder.of(parent.type().findFieldByName("frameworks").getMessageType())
                .set("framework_info", frameworkInfo(f.info()))
                .set("active", f.active())
                .set("connected", f.connected())
                .set("recovered", f.recovered())
                .set("registered_time", time(f.registeredTime()));
        f.reregisteredTime().ifPresent(t -> b.set("reregistered_time", time(t)));
        f.unregisteredTime().ifPresent(t -> b.set("unregistered_time", time(t)));
        for (Offer o : f.offers()) {
            MsgBuilder offer = MsgBuilder.of(MesosSchema.OFFER)
                    .set("id", SchedulerEventEncoder.id(MesosSchema.OFFER_ID, o.id().value()))
                    .set("framework_id", SchedulerEventEncoder.id(MesosSchema.FRAMEWORK_ID, o.frameworkId().value()))
                    .set("agent_id", SchedulerEventEncoder.id(MesosSchema.AGENT_ID, o.agentId().value()))
                    .set("hostname", o.hostname());
            ResourceCodec.encode(o.resources(), Optional.of(o.role()), false).forEach(r -> offer.add("resources", r));
            b.add("offers", offer);
        }
        resources(b, "allocated_resources", f.used());
        resources(b, "offered_resources", f.offered());
        return b;
    }

    /** GET_ROLES: every role a framework holds or the operator gave a weight or quota. */
    static void roles(MsgBuilder getRoles, MasterSnapshot s) {
        java.util.Map<String, java.util.Set<String>> frameworks = new java.util.TreeMap<>();
        java.util.Map<String, Resources> allocated = new java.util.TreeMap<>();
        for (FrameworkView f : s.frameworks()) {
            for (String role : f.info().roles()) {
                frameworks.computeIfAbsent(role, r -> new java.util.TreeSet<>()).add(f.id().value());
            }
            for (Task t : f.tasks()) {
                if (!t.state().isTerminal()) {
                    allocated.merge(t.role(), t.spec().resources(), Resources::plus);
                }
            }
            for (Offer o : f.offers()) {
                allocated.merge(o.role(), o.resources(), Resources::plus);
            }
        }
        s.weights().keySet().forEach(r -> frameworks.computeIfAbsent(r, x -> new java.util.TreeSet<>()));
        s.quotas().keySet().forEach(r -> frameworks.computeIfAbsent(r, x -> new java.util.TreeSet<>()));
        com.google.protobuf.Descriptors.Descriptor roleType =
                getRoles.type().findFieldByName("roles").getMessageType();
        frameworks.forEach((role, ids) -> {
            MsgBuilder r = MsgBuilder.of(roleType).set("name", role).set("weight", s.weights().getOrDefault(role, 1.0));
            ids.forEach(id -> r.add("frameworks", SchedulerEventEncoder.id(MesosSchema.FRAMEWORK_ID, id)));
            resources(r, "resources", allocated.getOrDefault(role, Resources.empty()));
            getRoles.add("roles", r);
        });
    }

    /** GET_QUOTA's {@code status.configs}: role, guarantees and limits as maps of scalars. */
    static void quotas(MsgBuilder status, MasterSnapshot s) {
        com.google.protobuf.Descriptors.Descriptor configType = status.type().findFieldByName("configs").getMessageType();
        s.quotas().forEach((role, quota) -> {
            MsgBuilder config = MsgBuilder.of(configType).set("role", role);
            quota.guarantees().scalars().forEach((name, v) -> config.put("guarantees", name,
                    MsgBuilder.of(MesosSchema.VALUE_SCALAR).set("value", v.value())));
            quota.limits().scalars().forEach((name, v) -> config.put("limits", name,
                    MsgBuilder.of(MesosSchema.VALUE_SCALAR).set("value", v.value())));
            status.add("configs", config);
        });
    }

    static MsgBuilder frameworkInfo(FrameworkInfo info) {
        MsgBuilder b = MsgBuilder.of(MesosSchema.FRAMEWORK_INFO)
                .set("user", info.user())
                .set("name", info.name())
                .set("failover_timeout", info.failoverTimeout().toNanos() / 1e9)
                .set("checkpoint", info.checkpoint());
        info.id().ifPresent(id -> b.set("id", SchedulerEventEncoder.id(MesosSchema.FRAMEWORK_ID, id.value())));
        if (info.multiRole()) {
            b.set("roles", info.roles());
        } else {
            b.set("role", info.roles().get(0));
        }
        info.hostname().ifPresent(h -> b.set("hostname", h));
        info.principal().ifPresent(p -> b.set("principal", p));
        info.webuiUrl().ifPresent(u -> b.set("webui_url", u));
        info.capabilities().stream().sorted().forEach(c -> b.add("capabilities",
                MsgBuilder.of(MesosSchema.FRAMEWORK_CAPABILITY).set("type", c)));
        if (!info.labels().isEmpty()) {
            b.set("labels", labels(info.labels()));
        }
        return b;
    }

    static void tasks(MsgBuilder getTasks, MasterSnapshot s) {
        for (FrameworkView f : s.frameworks()) {
            f.tasks().forEach(t -> getTasks.add("tasks", task(t)));
            f.completedTasks().forEach(t -> getTasks.add("completed_tasks", task(t)));
        }
        for (FrameworkView f : s.completedFrameworks()) {
            f.completedTasks().forEach(t -> getTasks.add("completed_tasks", task(t)));
        }
    }

    static MsgBuilder task(Task t) {
        MsgBuilder b = MsgBuilder.of(MesosSchema.TASK)
                .set("name", t.spec().name())
                .set("task_id", SchedulerEventEncoder.id(MesosSchema.TASK_ID, t.id().value()))
                .set("framework_id", SchedulerEventEncoder.id(MesosSchema.FRAMEWORK_ID, t.frameworkId().value()))
                .set("agent_id", SchedulerEventEncoder.id(MesosSchema.AGENT_ID, t.agentId().value()))
                .set("state", t.state().name())
                .set("user", t.user());
        ResourceCodec.encode(t.spec().resources(), Optional.of(t.role()), false).forEach(r -> b.add("resources", r));
        for (TaskStatus status : t.statuses()) {
            b.add("statuses", SchedulerEventEncoder.status(status));
        }
        t.unacknowledged().ifPresent(uuid -> {
            b.set("status_update_uuid", SchedulerEventEncoder.bytes(uuid));
            t.latest().ifPresent(latest -> b.set("status_update_state", latest.state().name()));
        });
        if (!t.spec().labels().isEmpty()) {
            b.set("labels", labels(t.spec().labels()));
        }
        return b;
    }

    private static MsgBuilder labels(java.util.List<Label> labels) {
        MsgBuilder b = MsgBuilder.of(MesosSchema.LABELS);
        for (Label l : labels) {
            MsgBuilder label = MsgBuilder.of(MesosSchema.LABEL).set("key", l.key());
            l.value().ifPresent(v -> label.set("value", v));
            b.add("labels", label);
        }
        return b;
    }

    private static void resources(MsgBuilder b, String field, Resources resources) {
        ResourceCodec.encode(resources, Optional.empty(), false).forEach(r -> b.add(field, r));
    }

    static MsgBuilder time(Instant t) {
        return MsgBuilder.of(MesosSchema.TIME_INFO).set("nanoseconds", t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

}
