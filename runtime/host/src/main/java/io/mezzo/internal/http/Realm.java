package io.mezzo.internal.http;

import java.util.Optional;

/**
 * The authentication realm an endpoint belongs to, named as Mesos names them
 * ({@code src/master/constants.hpp}); a realm's flag turns HTTP Basic on for its endpoints.
 */
enum Realm {
    /** The scheduler API ({@code --authenticate-frameworks}). */
    SCHEDULER("mesos-master-scheduler"),
    /** Endpoints that only read ({@code --authenticate-http-readonly}). */
    READONLY("mesos-master-readonly"),
    /** Endpoints that change state, the operator API among them ({@code --authenticate-http-readwrite}). */
    READWRITE("mesos-master-readwrite"),
    /** The agent API: agents authenticate with a challenge–response exchange, not HTTP Basic. */
    AGENT(null),
    /** Never authenticated: {@code /health}, and {@code /redirect}, which agents probe to find the leader. */
    NONE(null);

    private final String name;

    Realm(String name) {
        this.name = name;
    }

    /** The name for {@code WWW-Authenticate: Basic realm="..."}; empty for realms without HTTP Basic. */
    Optional<String> basicName() {
        return Optional.ofNullable(name);
    }
}
