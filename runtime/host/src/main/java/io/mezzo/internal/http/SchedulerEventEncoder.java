package io.mezzo.internal.http;

import com.google.protobuf.DynamicMessage;
import io.mezzo.api.Attribute;
import io.mezzo.internal.master.SchedulerEvent;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.model.TaskStatus;
import io.mezzo.internal.wire.MesosSchema;
import io.mezzo.internal.wire.MsgBuilder;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/**
 * Master events to {@code mesos.v1.scheduler.Event} messages, nested as Mesos nests them
 * ({@code offers.offers}, {@code error.message}). Offer resources follow the framework's
 * RESERVATION_REFINEMENT capability.
 */
final class SchedulerEventEncoder {
    private static final String REFINEMENT = "RESERVATION_REFINEMENT";

    private final boolean refinement;

    SchedulerEventEncoder(FrameworkInfo framework) {
        this.refinement = framework.capabilities().contains(REFINEMENT);
    }

    /** Before the framework is known (a refusal), only ERROR can be sent. */
    static SchedulerEventEncoder plain() {
        return new SchedulerEventEncoder(false);
    }

    private SchedulerEventEncoder(boolean refinement) {
        this.refinement = refinement;
    }

    DynamicMessage encode(SchedulerEvent event) {
        MsgBuilder e = MsgBuilder.of(MesosSchema.SCHEDULER_EVENT);
        if (event instanceof SchedulerEvent.Subscribed s) {
            e.set("type", "SUBSCRIBED").with("subscribed", b -> b
                    .set("framework_id", id(MesosSchema.FRAMEWORK_ID, s.frameworkId().value()))
                    .set("heartbeat_interval_seconds", (double) s.heartbeatInterval().toSeconds())
                    .set("master_info", masterInfo(s.masterInfo())));
        } else if (event instanceof SchedulerEvent.Offers o) {
            e.set("type", "OFFERS").with("offers", b -> o.offers().forEach(offer -> b.add("offers", offer(offer))));
        } else if (event instanceof SchedulerEvent.Rescind r) {
            e.set("type", "RESCIND").with("rescind", b -> b.set("offer_id", id(MesosSchema.OFFER_ID, r.offerId().value())));
        } else if (event instanceof SchedulerEvent.Update u) {
            e.set("type", "UPDATE").with("update", b -> b.set("status", status(u.status())));
        } else if (event instanceof SchedulerEvent.Failure f) {
            e.set("type", "FAILURE").with("failure", b -> b.set("agent_id", id(MesosSchema.AGENT_ID, f.agentId().value())));
        } else if (event instanceof SchedulerEvent.Error err) {
            e.set("type", "ERROR").with("error", b -> b.set("message", err.message()));
        } else if (event instanceof SchedulerEvent.Heartbeat) {
            e.set("type", "HEARTBEAT");
        } else {
            throw new AssertionError("unhandled event " + event);
        }
        return e.build();
    }

    static MsgBuilder id(com.google.protobuf.Descriptors.Descriptor type, String value) {
        return MsgBuilder.of(type).set("value", value);
    }

    /** {@code MasterInfo}; {@code ip} is the IPv4 address as a uint32 in network byte order. */
    static MsgBuilder masterInfo(MasterInfo info) {
        return MsgBuilder.of(MesosSchema.MASTER_INFO)
                .set("id", info.id())
                .set("ip", ipv4NetworkOrder(info.ip()))
                .set("port", info.port())
                .set("pid", info.pid())
                .set("hostname", info.hostname())
                .set("version", info.version())
                .with("address", a -> a.set("hostname", info.hostname()).set("ip", info.ip()).set("port", info.port()));
    }

    static long ipv4NetworkOrder(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return 0;
        }
        long out = 0;
        for (int i = 3; i >= 0; i--) {
            out = (out << 8) | (Integer.parseInt(parts[i]) & 0xff);
        }
        return out;
    }

    private MsgBuilder offer(Offer offer) {
        MsgBuilder b = MsgBuilder.of(MesosSchema.OFFER)
                .set("id", id(MesosSchema.OFFER_ID, offer.id().value()))
                .set("framework_id", id(MesosSchema.FRAMEWORK_ID, offer.frameworkId().value()))
                .set("agent_id", id(MesosSchema.AGENT_ID, offer.agentId().value()))
                .set("hostname", offer.hostname())
                .with("url", u -> u.set("scheme", "http").set("path", "/slave(1)")
                        .with("address", a -> {
                            a.set("hostname", offer.hostname()).set("port", offer.agentPort());
                            offer.agentIp().ifPresent(ip -> a.set("ip", ip));
                        }));
        ResourceCodec.encode(offer.resources(), Optional.of(offer.role()), refinement).forEach(r -> b.add("resources", r));
        for (Attribute a : offer.attributes()) {
            b.add("attributes", ResourceCodec.attribute(a));
        }
        b.with("allocation_info", a -> a.set("role", offer.role()));
        return b;
    }

    static MsgBuilder status(TaskStatus s) {
        MsgBuilder b = MsgBuilder.of(MesosSchema.TASK_STATUS)
                .set("task_id", id(MesosSchema.TASK_ID, s.taskId().value()))
                .set("state", s.state().name())
                .set("source", s.source().name())
                .set("timestamp", s.timestamp());
        s.message().ifPresent(m -> b.set("message", m));
        s.reason().ifPresent(r -> b.set("reason", r.name()));
        s.data().ifPresent(d -> b.set("data", d.bytes()));
        s.agentId().ifPresent(a -> b.set("agent_id", id(MesosSchema.AGENT_ID, a.value())));
        s.executorId().ifPresent(x -> b.set("executor_id", id(MesosSchema.EXECUTOR_ID, x)));
        s.uuid().ifPresent(u -> b.set("uuid", bytes(u)));
        if (s.container().isPresent() || s.executorPid().isPresent()) {
            b.with("container_status", c -> {
                s.container().ifPresent(id -> c.set("container_id", id(MesosSchema.CONTAINER_ID, id.value())));
                s.executorPid().ifPresent(pid -> c.set("executor_pid", (int) pid));
            });
        }
        return b;
    }

    static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
