package io.mezzo.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.master.MasterSnapshot.AgentView;
import io.mezzo.internal.master.MasterSnapshot.FrameworkView;
import io.mezzo.internal.master.Task;
import io.mezzo.internal.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /metrics/snapshot}: a flat object of Mesos's metric names. Gauges come from a
 * snapshot; counters (messages, terminal task states) from the master's counters.
 */
final class MetricsJson {
    private static final List<TaskState> GAUGED = List.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING,
            TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_UNREACHABLE);
    private static final List<TaskState> COUNTED = List.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
            TaskState.TASK_KILLED, TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_DROPPED,
            TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);

    private MetricsJson() {}

    /**
     * Allocator metrics computed from the master's view: totals and what is offered or
     * allocated per resource, each role's dominant share (allocated to the role over the
     * cluster total, the largest over resources not excluded from fair sharing), and quota.
     */
    private static void allocator(ObjectNode out, MasterSnapshot s, Resources total) {
        Resources flatTotal = total.flatten();
        Map<String, Resources> byRole = new TreeMap<>();
        for (FrameworkView f : s.frameworks()) {
            for (Task t : f.tasks()) {
                if (!t.state().isTerminal()) {
                    byRole.merge(t.role(), t.spec().resources().flatten(), Resources::plus);
                }
            }
            for (Offer o : f.offers()) {
                byRole.merge(o.role(), o.resources().flatten(), Resources::plus);
            }
            f.info().roles().forEach(role -> byRole.putIfAbsent(role, Resources.empty()));
        }
        Resources inUse = Resources.empty();
        for (Resources r : byRole.values()) {
            inUse = inUse.plus(r);
        }
        for (String name : flatTotal.scalars().keySet()) {
            out.put("allocator/mesos/resources/" + name + "/total", flatTotal.scalar(name).value());
            out.put("allocator/mesos/resources/" + name + "/offered_or_allocated", inUse.scalar(name).value());
        }
        byRole.forEach((role, allocated) -> {
            double dominant = 0;
            for (Map.Entry<String, Scalar> e : allocated.scalars().entrySet()) {
                double t = flatTotal.scalar(e.getKey()).value();
                if (t > 0 && !s.fairnessExcludedResources().contains(e.getKey())) {
                    dominant = Math.max(dominant, e.getValue().value() / t);
                }
            }
            out.put("allocator/mesos/roles/" + role + "/shares/dominant", dominant);
        });
        s.quotas().forEach((role, quota) -> {
            Resources allocated = byRole.getOrDefault(role, Resources.empty());
            quota.guarantees().scalars().forEach((name, v) -> {
                String key = "allocator/mesos/quota/roles/" + role + "/resources/" + name;
                out.put(key + "/guarantee", v.value());
                out.put(key + "/offered_or_allocated", allocated.scalar(name).value());
            });
            quota.limits().scalars().forEach((name, v) ->
                    out.put("allocator/mesos/quota/roles/" + role + "/resources/" + name + "/limit", v.value()));
        });
    }

    static ObjectNode of(MasterSnapshot s, Map<String, Long> counters, Map<String, Double> allocationRuns,
                         int backlog, Instant now) {
        ObjectNode out = LegacyJson.NODES.objectNode();
        out.put("master/uptime_secs", Duration.between(s.startTime(), now).toMillis() / 1000.0);
        out.put("master/elected", 1.0);
        long connected = s.agents().stream().filter(AgentView::connected).count();
        out.put("master/slaves_active", connected);
        out.put("master/slaves_connected", connected);
        out.put("master/slaves_disconnected", s.agents().size() - connected);
        out.put("master/slaves_inactive", 0);
        out.put("master/slaves_unreachable", s.unreachableAgents().size());
        long frameworksConnected = s.frameworks().stream().filter(FrameworkView::connected).count();
        out.put("master/frameworks_active", frameworksConnected);
        out.put("master/frameworks_connected", frameworksConnected);
        out.put("master/frameworks_disconnected",
                s.frameworks().stream().filter(f -> f.state().equals("DISCONNECTED")).count());
        out.put("master/frameworks_inactive", s.frameworks().size() - frameworksConnected);
        out.put("master/outstanding_offers", s.offers().size());
        Resources total = Resources.empty();
        Resources used = Resources.empty();
        for (AgentView a : s.agents()) {
            total = total.plus(a.info().resources());
            used = used.plus(a.used());
        }
        for (String name : List.of("cpus", "mem", "disk", "gpus")) {
            double t = total.scalar(name).value();
            double u = used.scalar(name).value();
            out.put("master/" + name + "_total", t);
            out.put("master/" + name + "_used", u);
            out.put("master/" + name + "_percent", t == 0 ? 0.0 : u / t);
        }
        Map<TaskState, Long> current = new EnumMap<>(TaskState.class);
        for (FrameworkView f : s.frameworks()) {
            for (Task t : f.tasks()) {
                current.merge(t.state(), 1L, Long::sum);
            }
        }
        for (TaskState state : GAUGED) {
            out.put("master/tasks_" + state.metricName(), current.getOrDefault(state, 0L));
        }
        for (TaskState state : COUNTED) {
            out.put("master/tasks_" + state.metricName(), counters.getOrDefault("master/tasks_" + state.metricName(), 0L));
        }
        out.put("master/event_queue_messages", backlog);
        out.put("allocator/mesos/event_queue_dispatches", backlog);
        allocationRuns.forEach(out::put);
        allocator(out, s, total);
        counters.forEach((name, value) -> {
            if (!out.has(name)) {
                out.put(name, value);
            }
        });
        return out;
    }
}
