package io.mezzo.internal.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.scheduler.SchedulerConnection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A hosted script's scheduler session as hosting sees it: it subscribes with the framework id
 * the script had before a failover (so the framework fails over instead of registering anew),
 * reports the id the master assigns, and can be fenced: once a master steps down, its scripts
 * send nothing more (not even TEARDOWN) and hear nothing more, while the new leader's copy of
 * each script takes over the same framework.
 */
final class HostedConnection implements SchedulerConnection {
    private final SchedulerConnection inner;
    private final Optional<String> knownFrameworkId;
    private final Consumer<String> subscribed;
    private volatile boolean fenced;

    HostedConnection(SchedulerConnection inner, Optional<String> knownFrameworkId, Consumer<String> subscribed) {
        this.inner = inner;
        this.knownFrameworkId = knownFrameworkId;
        this.subscribed = subscribed;
    }

    @Override
    public void start(ObjectNode frameworkInfo, Listener listener) {
        ObjectNode info = frameworkInfo;
        if (knownFrameworkId.isPresent() && !frameworkInfo.hasNonNull("id")) {
            info = frameworkInfo.deepCopy();
            info.putObject("id").put("value", knownFrameworkId.get());
        }
        inner.start(info, new Listener() {
            @Override
            public void onEvent(JsonNode event) {
                if (fenced) {
                    return;
                }
                if ("SUBSCRIBED".equals(event.path("type").asText())) {
                    String id = event.path("subscribed").path("framework_id").path("value").asText("");
                    if (!id.isEmpty()) {
                        subscribed.accept(id);
                    }
                }
                listener.onEvent(event);
            }

            @Override
            public void onClosed(String reason) {
                listener.onClosed(reason);
            }
        });
    }

    /** While fenced, calls are dropped and reported as accepted, so a stopping script does not complain. */
    @Override
    public CompletableFuture<Void> send(ObjectNode call) {
        return fenced ? CompletableFuture.completedFuture(null) : inner.send(call);
    }

    @Override
    public void close() {
        inner.close();
    }

    void fence() {
        fenced = true;
    }
}
