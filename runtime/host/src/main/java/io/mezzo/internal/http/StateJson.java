package io.mezzo.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.hosting.Hosted;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.master.MasterSnapshot.AgentView;
import io.mezzo.internal.master.MasterSnapshot.FrameworkView;
import io.mezzo.internal.master.Task;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.model.Offer;

/** {@code GET /state} and {@code /master/state}: Mesos's legacy state JSON. */
final class StateJson {
    private StateJson() {}

    /** With Mezzo's addition: the master's hosted framework scripts, running and ended. */
    static ObjectNode of(MasterSnapshot s, String version, java.util.List<Hosted> hosted) {
        ObjectNode out = LegacyJson.NODES.objectNode();
        MasterInfo info = s.info();
        out.put("version", version);
        out.put("start_time", LegacyJson.seconds(s.startTime()));
        out.put("elected_time", LegacyJson.seconds(s.electedTime()));
        out.put("id", info.id());
        out.put("pid", info.pid());
        out.put("hostname", info.hostname());
        out.put("activated_slaves", s.agents().stream().filter(AgentView::connected).count());
        out.put("deactivated_slaves", s.agents().stream().filter(a -> !a.connected()).count());
        out.put("unreachable_slaves", s.unreachableAgents().size());
        out.put("leader", info.pid());
        out.set("leader_info", masterInfo(info));
        ObjectNode flags = out.putObject("flags");
        s.flags().forEach(flags::put);
        ArrayNode slaves = out.putArray("slaves");
        s.agents().forEach(a -> slaves.add(agent(a)));
        out.putArray("recovered_slaves");
        ArrayNode frameworks = out.putArray("frameworks");
        s.frameworks().forEach(f -> frameworks.add(framework(f)));
        ArrayNode completed = out.putArray("completed_frameworks");
        s.completedFrameworks().forEach(f -> completed.add(framework(f)));
        out.putArray("orphan_tasks");
        out.putArray("unregistered_frameworks");
        ArrayNode scripts = out.putArray("hosted_frameworks");
        hosted.forEach(h -> scripts.add(HostedJson.summary(h)));
        return out;
    }

    static ObjectNode masterInfo(MasterInfo info) {
        ObjectNode out = LegacyJson.NODES.objectNode();
        out.put("id", info.id());
        out.put("pid", info.pid());
        out.put("port", info.port());
        out.put("hostname", info.hostname());
        out.put("version", info.version());
        out.putObject("address").put("hostname", info.hostname()).put("ip", info.ip()).put("port", info.port());
        return out;
    }

    static ObjectNode agent(AgentView a) {
        ObjectNode out = LegacyJson.NODES.objectNode();
        out.put("id", a.id().value());
        out.put("pid", "slave(1)@" + a.info().hostname() + ":" + a.info().port());
        out.put("hostname", a.info().hostname());
        out.put("port", a.info().port());
        out.set("attributes", LegacyJson.attributes(a.info().attributes()));
        out.put("registered_time", LegacyJson.seconds(a.registeredTime()));
        a.reregisteredTime().ifPresent(t -> out.put("reregistered_time", LegacyJson.seconds(t)));
        out.set("resources", LegacyJson.resources(a.info().resources()));
        out.set("used_resources", LegacyJson.resources(a.used()));
        out.set("offered_resources", LegacyJson.resources(a.offered()));
        out.set("reserved_resources", LegacyJson.reservedByRole(a.info().resources()));
        out.set("unreserved_resources", LegacyJson.resources(a.info().resources().unreserved()));
        out.put("active", a.connected());
        out.put("deactivated", false);
        out.putArray("capabilities");
        return out;
    }

    static ObjectNode framework(FrameworkView f) {
        FrameworkInfo info = f.info();
        ObjectNode out = LegacyJson.NODES.objectNode();
        out.put("id", f.id().value());
        out.put("name", info.name());
        out.set("used_resources", LegacyJson.resources(f.used()));
        out.set("offered_resources", LegacyJson.resources(f.offered()));
        ArrayNode caps = out.putArray("capabilities");
        info.capabilities().stream().sorted().forEach(caps::add);
        out.put("hostname", info.hostname().orElse(""));
        out.put("webui_url", info.webuiUrl().orElse(""));
        out.put("active", f.active());
        out.put("connected", f.connected());
        out.put("recovered", f.recovered());
        out.put("user", info.user());
        out.put("failover_timeout", info.failoverTimeout().toNanos() / 1e9);
        out.put("checkpoint", info.checkpoint());
        out.put("registered_time", LegacyJson.seconds(f.registeredTime()));
        f.reregisteredTime().ifPresent(t -> out.put("reregistered_time", LegacyJson.seconds(t)));
        out.put("unregistered_time", f.unregisteredTime().map(LegacyJson::seconds).orElse(0.0));
        info.principal().ifPresent(p -> out.put("principal", p));
        if (info.multiRole()) {
            ArrayNode roles = out.putArray("roles");
            info.roles().forEach(roles::add);
        } else {
            out.put("role", info.roles().get(0));
        }
        out.set("resources", LegacyJson.resources(f.used().plus(f.offered())));
        ArrayNode tasks = out.putArray("tasks");
        for (Task t : f.tasks()) {
            tasks.add(LegacyJson.task(t));
        }
        out.putArray("unreachable_tasks");
        ArrayNode completed = out.putArray("completed_tasks");
        for (Task t : f.completedTasks()) {
            completed.add(LegacyJson.task(t));
        }
        ArrayNode offers = out.putArray("offers");
        for (Offer o : f.offers()) {
            offers.add(LegacyJson.offer(o));
        }
        out.putArray("executors");
        return out;
    }
}
