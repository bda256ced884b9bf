package io.mezzo.internal.wire;

/**
 * The concrete wire examples of MESOS-API.md §2.8, byte for byte (each a single line, as
 * Mesos sends them). The ACKNOWLEDGE call abbreviates its ids there; here they are spelled
 * out with the same master id.
 */
final class WireExamples {
    private WireExamples() {}

    static final String SUBSCRIBE_CALL = """
            {"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"nobody","name":"example-fw","failover_timeout":604800.0,"checkpoint":true}}}""";

    static final String SUBSCRIBED_EVENT = """
            {"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-0000"},"heartbeat_interval_seconds":15.0,"master_info":{"id":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11","ip":16777343,"port":5050,"pid":"master@127.0.0.1:5050","hostname":"localhost","version":"1.11.0","address":{"hostname":"localhost","ip":"127.0.0.1","port":5050},"capabilities":[{"type":"AGENT_UPDATE"},{"type":"AGENT_DRAINING"},{"type":"QUOTA_V2"}]}}}""";

    static final String HEARTBEAT_EVENT = """
            {"type":"HEARTBEAT"}""";

    static final String OFFERS_EVENT = """
            {"type":"OFFERS","offers":{"offers":[{"id":{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-O0"},"framework_id":{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-0000"},"agent_id":{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-S0"},"hostname":"agent1.example.com","url":{"scheme":"http","address":{"hostname":"agent1.example.com","ip":"10.0.0.11","port":5051},"path":"/slave(1)"},"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":4.0},"role":"*","allocation_info":{"role":"*"}},{"name":"mem","type":"SCALAR","scalar":{"value":7168.0},"role":"*","allocation_info":{"role":"*"}},{"name":"disk","type":"SCALAR","scalar":{"value":40960.0},"role":"*","allocation_info":{"role":"*"}},{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]},"role":"*","allocation_info":{"role":"*"}}],"attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}],"allocation_info":{"role":"*"}}]}}""";

    static final String ACCEPT_CALL = """
            {"framework_id":{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-0000"},"type":"ACCEPT","accept":{"offer_ids":[{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-O0"}],"operations":[{"type":"LAUNCH","launch":{"task_infos":[{"name":"sleep-1","task_id":{"value":"sleep-1"},"agent_id":{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-S0"},"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5}},{"name":"mem","type":"SCALAR","scalar":{"value":128}}],"command":{"shell":true,"value":"sleep 30"}}]}}],"filters":{"refuse_seconds":5.0}}}""";

    static final String UPDATE_EVENT = """
            {"type":"UPDATE","update":{"status":{"task_id":{"value":"sleep-1"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR","agent_id":{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-S0"},"executor_id":{"value":"sleep-1"},"timestamp":1724422800.123456,"uuid":"jB0uP0pbTG2Of5AaKzxNXg==","container_status":{"container_id":{"value":"6e9c3b0a-2f4d-4d8e-9a1b-3c5d7e9f1a2b"},"network_infos":[{"ip_addresses":[{"protocol":"IPv4","ip_address":"10.0.0.11"}]}],"executor_pid":4242}}}}""";

    static final String ACKNOWLEDGE_CALL = """
            {"framework_id":{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-0000"},"type":"ACKNOWLEDGE",\
            "acknowledge":{"agent_id":{"value":"b3d7d0f4-6c2e-4c1e-9d43-2f0a8f3e5a11-S0"},\
            "task_id":{"value":"sleep-1"},"uuid":"jB0uP0pbTG2Of5AaKzxNXg=="}}""";
}
