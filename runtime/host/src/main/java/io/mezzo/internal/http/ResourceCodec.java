package io.mezzo.internal.http;

import io.mezzo.api.Attribute;
import io.mezzo.api.ItemSet;
import io.mezzo.api.Range;
import io.mezzo.api.Ranges;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Roles;
import io.mezzo.api.Scalar;
import io.mezzo.api.Text;
import io.mezzo.api.Value;
import io.mezzo.internal.wire.MesosSchema;
import io.mezzo.internal.wire.Msg;
import io.mezzo.internal.wire.MsgBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mesos {@code Resource} and {@code Attribute} messages to and from Mezzo's values.
 *
 * <p>Reservations: a framework without RESERVATION_REFINEMENT sees the "pre-refinement"
 * format ({@code role} set, {@code "*"} when unreserved); one with it sees
 * {@code reservations:[{type:STATIC, role}]} and no {@code role}. Both formats are read.
 */
final class ResourceCodec {
    private ResourceCodec() {}

    /** What the resources of one task or operation say, beyond the resources themselves. */
    record Decoded(Resources resources, Set<String> allocationRoles, Optional<String> unsupported) {}

    /**
     * Reads resources; throws {@link IllegalArgumentException} for malformed ones (negative,
     * NaN, wrong type, invalid role) and reports features Mezzo does not implement.
     */
    static Decoded decode(List<Msg> messages) {
        List<Resource> out = new ArrayList<>();
        Set<String> allocationRoles = new LinkedHashSet<>();
        Optional<String> unsupported = Optional.empty();
        for (Msg m : messages) {
            String name = m.string("name");
            if (m.has("disk") || m.has("revocable") || m.has("shared") || m.has("provider_id")) {
                unsupported = unsupported.or(() -> Optional.of("resource '" + name
                        + "' uses disk info, revocable, shared or resource providers, which Mezzo does not support"));
            }
            m.optionalMessage("allocation_info").flatMap(a -> a.optionalString("role")).ifPresent(allocationRoles::add);
            out.add(new Resource(name, reservationRole(m), value(name, m)));
        }
        return new Decoded(Resources.of(out), allocationRoles, unsupported);
    }

    private static String reservationRole(Msg m) {
        List<Msg> reservations = m.messages("reservations");
        if (!reservations.isEmpty()) {
            return reservations.get(reservations.size() - 1).string("role");
        }
        return m.optionalString("role").orElse(Roles.DEFAULT);
    }

    private static Value value(String name, Msg m) {
        String type = m.enumName("type");
        switch (type) {
            case "SCALAR": {
                double v = present(name, m, "scalar").doubleValue("value");
                if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
                    throw new IllegalArgumentException("resource '" + name + "' has invalid scalar value " + v);
                }
                return Scalar.of(v);
            }
            case "RANGES": {
                List<Range> ranges = new ArrayList<>();
                for (Msg r : present(name, m, "ranges").messages("range")) {
                    ranges.add(range(name, r.longValue("begin"), r.longValue("end")));
                }
                return new Ranges(ranges);
            }
            case "SET":
                return new ItemSet(new TreeSet<>(present(name, m, "set").strings("item")));
            default:
                throw new IllegalArgumentException("resource '" + name + "' has unsupported type " + type);
        }
    }

    /**
     * The value message a resource's type calls for. Mesos refuses a SCALAR without
     * {@code scalar} ("missing scalar"); reading the default instance would make it 0.
     */
    private static Msg present(String name, Msg resource, String field) {
        if (!resource.has(field)) {
            throw new IllegalArgumentException("resource '" + name + "' of type " + resource.enumName("type")
                    + " has no '" + field + "'");
        }
        return resource.message(field);
    }

    /** Range bounds are uint64 on the wire: above {@link Long#MAX_VALUE} they read as negative longs. */
    private static Range range(String name, long begin, long end) {
        if (begin < 0 || end < 0 || end < begin) {
            throw new IllegalArgumentException("resource '" + name + "' has invalid range ["
                    + Long.toUnsignedString(begin) + "-" + Long.toUnsignedString(end) + "]: bounds must be at most "
                    + Long.MAX_VALUE + " and begin must not exceed end");
        }
        return new Range(begin, end);
    }

    /** Encodes for a framework: {@code allocationRole} fills {@code allocation_info} when present. */
    static List<MsgBuilder> encode(Resources resources, Optional<String> allocationRole, boolean refinement) {
        List<MsgBuilder> out = new ArrayList<>();
        for (Resource r : resources) {
            MsgBuilder b = MsgBuilder.of(MesosSchema.RESOURCE).set("name", r.name());
            putValue(b, r.value());
            if (refinement) {
                if (!r.isUnreserved()) {
                    b.add("reservations", MsgBuilder.of(MesosSchema.RESERVATION_INFO).set("type", "STATIC")
                            .set("role", r.role()));
                }
            } else {
                b.set("role", r.role());
            }
            allocationRole.ifPresent(role -> b.set("allocation_info",
                    MsgBuilder.of(MesosSchema.ALLOCATION_INFO).set("role", role)));
            out.add(b);
        }
        return out;
    }

    static MsgBuilder attribute(Attribute a) {
        MsgBuilder b = MsgBuilder.of(MesosSchema.ATTRIBUTE).set("name", a.name());
        putValue(b, a.value());
        return b;
    }

    private static void putValue(MsgBuilder b, Value value) {
        b.set("type", value.typeName());
        if (value instanceof Scalar s) {
            b.set("scalar", MsgBuilder.of(MesosSchema.VALUE_SCALAR).set("value", s.value()));
        } else if (value instanceof Ranges rs) {
            MsgBuilder ranges = MsgBuilder.of(MesosSchema.VALUE_RANGES);
            for (Range r : rs.ranges()) {
                ranges.add("range", MsgBuilder.of(MesosSchema.VALUE_RANGE).set("begin", r.begin()).set("end", r.end()));
            }
            b.set("ranges", ranges);
        } else if (value instanceof ItemSet set) {
            b.set("set", MsgBuilder.of(MesosSchema.VALUE_SET).set("item", List.copyOf(set.items())));
        } else if (value instanceof Text t) {
            b.set("text", MsgBuilder.of(MesosSchema.VALUE_TEXT).set("value", t.value()));
        }
    }
}
