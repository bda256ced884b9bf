package io.mezzo.spi;

/**
 * The actions the host asks an authorizer about, named as in Mesos's authorizer module, each
 * with the object it is asked about and the key of Mesos's ACL JSON that governs it.
 */
public enum Action {
    /** Subscribe a framework in a role (asked once per role). ACL key {@code register_frameworks}, object: the role. */
    REGISTER_FRAMEWORK,
    /** Launch a task as a user. ACL key {@code run_tasks}, object: the task's user. */
    RUN_TASK,
    /** Tear down a framework (operator API). ACL key {@code teardown_frameworks}, object: the framework's principal. */
    TEARDOWN_FRAMEWORK,
    /** See a framework (in {@code /state} and the operator API). ACL key {@code view_frameworks}, object: its user. */
    VIEW_FRAMEWORK,
    /** See a task. ACL key {@code view_tasks}, object: the task's user. */
    VIEW_TASK,
    /** See an executor. ACL key {@code view_executors}, object: its user. */
    VIEW_EXECUTOR,
    /**
     * Register an agent. ACL key {@code register_agents}, object: the agent's hostname (Mesos's
     * own files use only ANY or NONE there; a list of hostnames is Mezzo's addition).
     */
    REGISTER_AGENT,
    /** Read an endpoint. ACL key {@code get_endpoints}, object: the endpoint's path. */
    GET_ENDPOINT_WITH_PATH,
    /** Change a role's weight. ACL key {@code update_weights}, object: the role. */
    UPDATE_WEIGHT,
    /** See a role's quota. ACL key {@code get_quotas}, object: the role. */
    GET_QUOTA,
    /** Set or remove a role's quota. ACL key {@code update_quotas}, object: the role. */
    UPDATE_QUOTA
}
