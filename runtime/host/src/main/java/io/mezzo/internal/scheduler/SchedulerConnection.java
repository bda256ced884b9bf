package io.mezzo.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * A framework's session with the master through the Mesos v1 Scheduler API, in the API's JSON
 * form. The one implementation used in production speaks HTTP ({@code HttpSchedulerConnection});
 * hosted and client frameworks alike go through it, so redirects, failover and authentication
 * behave the same for both.
 *
 * <p>Events arrive in order on one thread owned by the connection; the listener must not block
 * it for long.
 */
public interface SchedulerConnection extends AutoCloseable {

    /**
     * Subscribes with {@code frameworkInfo} (a v1 {@code FrameworkInfo} object; its {@code id}
     * is set when re-subscribing) and delivers every v1 {@code Event} object the master sends
     * ({@code SUBSCRIBED}, {@code OFFERS}, {@code UPDATE}, …, {@code HEARTBEAT} included) to
     * {@code listener}. When the stream breaks the connection re-subscribes with the framework
     * id it was given, following a leading master's redirect, until {@link #close()}.
     */
    void start(ObjectNode frameworkInfo, Listener listener);

    /**
     * Sends one v1 {@code Call} object; the connection fills in {@code framework_id}. Completes
     * once the master accepted it (202), or exceptionally with a {@link SchedulerCallException}
     * naming the status and the master's message.
     */
    CompletableFuture<Void> send(ObjectNode call);

    /** Stops the stream; no further events are delivered. Does not tear the framework down. */
    @Override
    void close();

    /** Receives the session's events and its fate. */
    interface Listener {
        /** One v1 {@code Event} object, as decoded from the stream. */
        void onEvent(JsonNode event);

        /**
         * The session cannot go on (e.g. the master answered SUBSCRIBE with a 4xx, or the
         * framework was removed); no more events follow.
         */
        void onClosed(String reason);
    }
}
