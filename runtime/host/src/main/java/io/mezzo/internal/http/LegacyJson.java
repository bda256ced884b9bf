package io.mezzo.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.Attribute;
import io.mezzo.api.ItemSet;
import io.mezzo.api.Ranges;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import io.mezzo.api.Text;
import io.mezzo.internal.master.Task;
import io.mezzo.internal.model.Label;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.model.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pieces of Mesos's legacy (unversioned) JSON: ids as plain strings, resources as one
 * flat object ({@code {"cpus":4.0,"gpus":0.0,"mem":7168.0,"disk":40960.0,"ports":"[31000-32000]"}},
 * scalars summed across roles, cpus/gpus/mem/disk always present), times as double seconds.
 */
final class LegacyJson {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LegacyJson() {}

    static ObjectNode resources(Resources resources) {
        ObjectNode out = NODES.objectNode();
        for (String always : List.of("cpus", "gpus", "mem", "disk")) {
            out.put(always, 0.0);
        }
        Map<String, Ranges> ranges = new TreeMap<>();
        Map<String, ItemSet> sets = new TreeMap<>();
        for (Resource r : resources) {
            if (r.value() instanceof Scalar s) {
                out.put(r.name(), out.path(r.name()).asDouble(0) + s.value());
            } else if (r.value() instanceof Ranges rs) {
                ranges.merge(r.name(), rs, Ranges::plus);
            } else if (r.value() instanceof ItemSet set) {
                sets.merge(r.name(), set, ItemSet::plus);
            }
        }
        ranges.forEach((name, rs) -> out.put(name, rs.format()));
        sets.forEach((name, set) -> out.put(name, set.format()));
        return out;
    }

    /** Reserved resources per role ({@code reserved_resources}). */
    static ObjectNode reservedByRole(Resources resources) {
        ObjectNode out = NODES.objectNode();
        for (String role : resources.roles()) {
            if (!role.equals("*")) {
                out.set(role, resources(resources.reservedFor(role)));
            }
        }
        return out;
    }

    static ObjectNode attributes(List<Attribute> attributes) {
        ObjectNode out = NODES.objectNode();
        for (Attribute a : attributes) {
            if (a.value() instanceof Scalar s) {
                out.put(a.name(), s.value());
            } else if (a.value() instanceof Text t) {
                out.put(a.name(), t.value());
            } else {
                out.put(a.name(), a.value().format());
            }
        }
        return out;
    }

    static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    static ObjectNode task(Task task) {
        ObjectNode out = NODES.objectNode();
        out.put("id", task.id().value());
        out.put("name", task.spec().name());
        out.put("framework_id", task.frameworkId().value());
        out.put("executor_id", "");
        out.put("slave_id", task.agentId().value());
        out.put("state", task.state().name());
        out.set("resources", resources(task.spec().resources()));
        out.put("role", task.role());
        out.put("user", task.user());
        ArrayNode statuses = out.putArray("statuses");
        for (TaskStatus s : task.statuses()) {
            ObjectNode status = statuses.addObject();
            status.put("state", s.state().name());
            status.put("timestamp", s.timestamp());
            s.container().ifPresent(c -> status.putObject("container_status").putObject("container_id")
                    .put("value", c.value()));
        }
        if (!task.spec().labels().isEmpty()) {
            ArrayNode labels = out.putObject("labels").putArray("labels");
            for (Label l : task.spec().labels()) {
                ObjectNode label = labels.addObject().put("key", l.key());
                l.value().ifPresent(v -> label.put("value", v));
            }
        }
        return out;
    }

    static ObjectNode offer(Offer offer) {
        ObjectNode out = NODES.objectNode();
        out.put("id", offer.id().value());
        out.put("framework_id", offer.frameworkId().value());
        out.putObject("allocation_info").put("role", offer.role());
        out.put("slave_id", offer.agentId().value());
        out.set("resources", resources(offer.resources()));
        return out;
    }
}
