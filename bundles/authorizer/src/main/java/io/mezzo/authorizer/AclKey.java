package io.mezzo.authorizer;

import io.mezzo.spi.Action;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every action key of Mesos's ACL JSON ({@code include/mesos/authorizer/acls.proto}, Mesos
 * 1.11), with the name of the object field its entries carry. Mezzo enforces the keys that
 * {@link #governing} names; the others are read and checked so that operators' files load
 * unchanged, and take no part in any decision.
 */
enum AclKey {
    REGISTER_FRAMEWORKS("register_frameworks", "roles", ObjectKind.ROLES),
    RUN_TASKS("run_tasks", "users", ObjectKind.NAMED),
    TEARDOWN_FRAMEWORKS("teardown_frameworks", "framework_principals", ObjectKind.NAMED),
    RESERVE_RESOURCES("reserve_resources", "roles", ObjectKind.ROLES),
    UNRESERVE_RESOURCES("unreserve_resources", "reserver_principals", ObjectKind.NAMED),
    CREATE_VOLUMES("create_volumes", "roles", ObjectKind.ROLES),
    DESTROY_VOLUMES("destroy_volumes", "creator_principals", ObjectKind.NAMED),
    RESIZE_VOLUMES("resize_volumes", "roles", ObjectKind.ROLES),
    UPDATE_WEIGHTS("update_weights", "roles", ObjectKind.ROLES),
    GET_ENDPOINTS("get_endpoints", "paths", ObjectKind.NAMED),
    GET_QUOTAS("get_quotas", "roles", ObjectKind.ROLES),
    UPDATE_QUOTAS("update_quotas", "roles", ObjectKind.ROLES),
    VIEW_FRAMEWORKS("view_frameworks", "users", ObjectKind.NAMED),
    VIEW_TASKS("view_tasks", "users", ObjectKind.NAMED),
    VIEW_EXECUTORS("view_executors", "users", ObjectKind.NAMED),
    ACCESS_SANDBOXES("access_sandboxes", "users", ObjectKind.NAMED),
    ACCESS_MESOS_LOGS("access_mesos_logs", "logs", ObjectKind.IMPLICIT),
    VIEW_ROLES("view_roles", "roles", ObjectKind.ROLES),
    VIEW_FLAGS("view_flags", "flags", ObjectKind.IMPLICIT),
    SET_LOG_LEVEL("set_log_level", "level", ObjectKind.IMPLICIT),
    // Mesos gives this action's object implicitly; Mezzo asks with the agent's hostname, so a
    // list of hostnames works here too (and ANY/NONE entries decide exactly as in Mesos).
    REGISTER_AGENTS("register_agents", "agents", ObjectKind.NAMED),
    UPDATE_MAINTENANCE_SCHEDULES("update_maintenance_schedules", "machines", ObjectKind.IMPLICIT),
    GET_MAINTENANCE_SCHEDULES("get_maintenance_schedules", "machines", ObjectKind.IMPLICIT),
    START_MAINTENANCES("start_maintenances", "machines", ObjectKind.IMPLICIT),
    STOP_MAINTENANCES("stop_maintenances", "machines", ObjectKind.IMPLICIT),
    GET_MAINTENANCE_STATUSES("get_maintenance_statuses", "machines", ObjectKind.IMPLICIT),
    DRAIN_AGENTS("drain_agents", "agents", ObjectKind.IMPLICIT),
    DEACTIVATE_AGENTS("deactivate_agents", "agents", ObjectKind.IMPLICIT),
    REACTIVATE_AGENTS("reactivate_agents", "agents", ObjectKind.IMPLICIT),
    MARK_AGENTS_GONE("mark_agents_gone", "agents", ObjectKind.IMPLICIT),
    LAUNCH_NESTED_CONTAINERS_AS_USER("launch_nested_containers_as_user", "users", ObjectKind.NAMED),
    LAUNCH_NESTED_CONTAINERS_UNDER_PARENT_WITH_USER(
            "launch_nested_containers_under_parent_with_user", "users", ObjectKind.NAMED),
    LAUNCH_NESTED_CONTAINER_SESSIONS_AS_USER(
            "launch_nested_container_sessions_as_user", "users", ObjectKind.NAMED),
    LAUNCH_NESTED_CONTAINER_SESSIONS_UNDER_PARENT_WITH_USER(
            "launch_nested_container_sessions_under_parent_with_user", "users", ObjectKind.NAMED),
    ATTACH_CONTAINERS_INPUT("attach_containers_input", "users", ObjectKind.NAMED),
    ATTACH_CONTAINERS_OUTPUT("attach_containers_output", "users", ObjectKind.NAMED),
    KILL_NESTED_CONTAINERS("kill_nested_containers", "users", ObjectKind.NAMED),
    WAIT_NESTED_CONTAINERS("wait_nested_containers", "users", ObjectKind.NAMED),
    REMOVE_NESTED_CONTAINERS("remove_nested_containers", "users", ObjectKind.NAMED),
    VIEW_CONTAINERS("view_containers", "users", ObjectKind.NAMED),
    LAUNCH_STANDALONE_CONTAINERS("launch_standalone_containers", "users", ObjectKind.IMPLICIT),
    KILL_STANDALONE_CONTAINERS("kill_standalone_containers", "users", ObjectKind.IMPLICIT),
    WAIT_STANDALONE_CONTAINERS("wait_standalone_containers", "users", ObjectKind.IMPLICIT),
    REMOVE_STANDALONE_CONTAINERS("remove_standalone_containers", "users", ObjectKind.IMPLICIT),
    VIEW_STANDALONE_CONTAINERS("view_standalone_containers", "users", ObjectKind.IMPLICIT),
    MODIFY_RESOURCE_PROVIDER_CONFIGS("modify_resource_provider_configs", "resource_providers", ObjectKind.IMPLICIT),
    MARK_RESOURCE_PROVIDERS_GONE("mark_resource_providers_gone", "resource_providers", ObjectKind.IMPLICIT),
    VIEW_RESOURCE_PROVIDERS("view_resource_providers", "resource_providers", ObjectKind.IMPLICIT),
    PRUNE_IMAGES("prune_images", "images", ObjectKind.IMPLICIT),
    CREATE_BLOCK_DISKS("create_block_disks", "roles", ObjectKind.ROLES),
    DESTROY_BLOCK_DISKS("destroy_block_disks", "roles", ObjectKind.ROLES),
    CREATE_MOUNT_DISKS("create_mount_disks", "roles", ObjectKind.ROLES),
    DESTROY_MOUNT_DISKS("destroy_mount_disks", "roles", ObjectKind.ROLES),
    DESTROY_RAW_DISKS("destroy_raw_disks", "roles", ObjectKind.ROLES);

    /** How an entry's object side is read. */
    enum ObjectKind {
        /** Values are compared exactly. */
        NAMED,
        /** Values are roles; {@code "a/%"} also matches every role below {@code a}. */
        ROLES,
        /** Mesos has no object to compare: only ANY and NONE are valid (Mesos refuses SOME). */
        IMPLICIT
    }

    private static final Map<String, AclKey> BY_JSON_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AclKey::jsonKey, Function.identity()));

    private final String jsonKey;
    private final String objectField;
    private final ObjectKind objectKind;

    AclKey(String jsonKey, String objectField, ObjectKind objectKind) {
        this.jsonKey = jsonKey;
        this.objectField = objectField;
        this.objectKind = objectKind;
    }

    String jsonKey() {
        return jsonKey;
    }

    String objectField() {
        return objectField;
    }

    ObjectKind objectKind() {
        return objectKind;
    }

    static Optional<AclKey> byJsonKey(String jsonKey) {
        return Optional.ofNullable(BY_JSON_KEY.get(jsonKey));
    }

    /** The key whose entries decide {@code action}. */
    static AclKey governing(Action action) {
        return switch (action) {
            case REGISTER_FRAMEWORK -> REGISTER_FRAMEWORKS;
            case RUN_TASK -> RUN_TASKS;
            case TEARDOWN_FRAMEWORK -> TEARDOWN_FRAMEWORKS;
            case VIEW_FRAMEWORK -> VIEW_FRAMEWORKS;
            case VIEW_TASK -> VIEW_TASKS;
            case VIEW_EXECUTOR -> VIEW_EXECUTORS;
            case REGISTER_AGENT -> REGISTER_AGENTS;
            case GET_ENDPOINT_WITH_PATH -> GET_ENDPOINTS;
            case UPDATE_WEIGHT -> UPDATE_WEIGHTS;
            case GET_QUOTA -> GET_QUOTAS;
            case UPDATE_QUOTA -> UPDATE_QUOTAS;
        };
    }

    boolean enforced() {
        return Arrays.stream(Action.values()).anyMatch(action -> governing(action) == this);
    }
}
