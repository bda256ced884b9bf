package io.mezzo.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.spi.Action;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Operators' existing Mesos ACL files load unchanged, whatever Mesos keys they use. */
class MesosKeysTest {
    /** Every key of Mesos 1.11's ACLs message with its object field, as acls.proto spells them. */
    private static final String MESOS_KEYS = """
            register_frameworks roles
            run_tasks users
            reserve_resources roles
            unreserve_resources reserver_principals
            create_volumes roles
            destroy_volumes creator_principals
            teardown_frameworks framework_principals
            update_weights roles
            get_endpoints paths
            get_quotas roles
            update_quotas roles
            view_frameworks users
            view_tasks users
            view_executors users
            access_sandboxes users
            access_mesos_logs logs
            view_roles roles
            view_flags flags
            launch_nested_containers_as_user users
            launch_nested_containers_under_parent_with_user users
            kill_nested_containers users
            wait_nested_containers users
            launch_nested_container_sessions_as_user users
            launch_nested_container_sessions_under_parent_with_user users
            attach_containers_input users
            attach_containers_output users
            view_containers users
            set_log_level level
            remove_nested_containers users
            register_agents agents
            update_maintenance_schedules machines
            get_maintenance_schedules machines
            start_maintenances machines
            stop_maintenances machines
            get_maintenance_statuses machines
            drain_agents agents
            deactivate_agents agents
            reactivate_agents agents
            mark_agents_gone agents
            launch_standalone_containers users
            kill_standalone_containers users
            wait_standalone_containers users
            remove_standalone_containers users
            view_standalone_containers users
            modify_resource_provider_configs resource_providers
            mark_resource_providers_gone resource_providers
            view_resource_providers resource_providers
            prune_images images
            resize_volumes roles
            create_block_disks roles
            destroy_block_disks roles
            create_mount_disks roles
            destroy_mount_disks roles
            destroy_raw_disks roles
            """;

    private static final Set<String> ENFORCED = Set.of("register_frameworks", "run_tasks", "teardown_frameworks",
            "view_frameworks", "view_tasks", "view_executors", "register_agents", "get_endpoints",
            "update_weights", "get_quotas", "update_quotas");

    private static Map<String, String> mesosKeys() {
        return MESOS_KEYS.lines().map(line -> line.split(" "))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1], (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void mezzoKnowsExactlyMesossKeysAndObjectFields() {
        Map<String, String> known = Arrays.stream(AclKey.values())
                .collect(Collectors.toMap(AclKey::jsonKey, AclKey::objectField));

        assertThat(known).isEqualTo(mesosKeys());
    }

    @Test
    void keysMezzoDoesNotEnforceLoadAndChangeNoDecision() throws InvalidAclsException {
        // Each of them denies everyone everything; were any enforced, some action would be denied.
        String entries = mesosKeys().entrySet().stream()
                .filter(key -> !ENFORCED.contains(key.getKey()))
                .map(key -> "\"" + key.getKey() + "\": [" + Acls.entry(key.getValue(), "{\"type\": \"NONE\"}",
                        "{\"type\": \"NONE\"}") + "]")
                .collect(Collectors.joining(", "));
        String json = "{" + entries + "}";

        AclTable table = AclParser.parse(json);
        Acls acls = Acls.of(json);

        assertThat(table.unenforcedKeys()).extracting(AclKey::jsonKey)
                .containsExactlyInAnyOrderElementsOf(Set.copyOf(mesosKeys().keySet()).stream()
                        .filter(key -> !ENFORCED.contains(key)).toList());
        for (Action action : Action.values()) {
            assertThat(acls.allows("ops", action, "x")).as(action.name()).isTrue();
        }
    }

    @Test
    void enforcedKeysAreNotReportedAsUnenforced() throws InvalidAclsException {
        String json = ENFORCED.stream()
                .map(key -> "\"" + key + "\": []")
                .collect(Collectors.joining(", ", "{\"view_roles\": [], ", "}"));

        assertThat(AclParser.parse(json).unenforcedKeys()).containsExactly(AclKey.VIEW_ROLES);
    }

    @Test
    void registerAgentsDecidesOnTheHostnameAndAnyOrNoneAsMesosDoes() {
        Acls byHost = Acls.of(Acls.document(false, "register_agents",
                Acls.entry("agents", "{\"values\": [\"agent\"]}", "{\"values\": [\"node1\"]}")));
        Acls mesosStyle = Acls.of(Acls.document(false, "register_agents",
                Acls.entry("agents", "{\"values\": [\"bad-agent\"]}", "{\"type\": \"NONE\"}"),
                Acls.entry("agents", "{\"type\": \"ANY\"}", "{\"type\": \"ANY\"}")));

        assertThat(byHost.allows("agent", Action.REGISTER_AGENT, "node1")).isTrue();
        assertThat(byHost.allows("agent", Action.REGISTER_AGENT, "node2")).isFalse();
        assertThat(mesosStyle.allows("bad-agent", Action.REGISTER_AGENT, "node1")).isFalse();
        assertThat(mesosStyle.allows("agent", Action.REGISTER_AGENT, "node1")).isTrue();
        assertThat(mesosStyle.allows(Acls.ANONYMOUS, Action.REGISTER_AGENT, "node1")).isTrue();
    }
}
