package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.model.Offer;
import io.mezzo.internal.model.OfferId;
import io.mezzo.internal.model.TaskStatus;
import java.time.Duration;
import java.util.List;

/** What the master sends a framework on its subscription stream. */
public sealed interface SchedulerEvent permits SchedulerEvent.Subscribed, SchedulerEvent.Offers,
        SchedulerEvent.Rescind, SchedulerEvent.Update, SchedulerEvent.Failure, SchedulerEvent.Error,
        SchedulerEvent.Heartbeat {

    record Subscribed(FrameworkId frameworkId, Duration heartbeatInterval, MasterInfo masterInfo)
            implements SchedulerEvent {}

    record Offers(List<Offer> offers) implements SchedulerEvent {
        public Offers {
            offers = List.copyOf(offers);
        }
    }

    record Rescind(OfferId offerId) implements SchedulerEvent {}

    record Update(TaskStatus status) implements SchedulerEvent {}

    /** An agent was removed (Mesos's FAILURE with only agent_id). */
    record Failure(AgentId agentId) implements SchedulerEvent {}

    /** Sent before the master closes the stream (failed over, removed, refused). */
    record Error(String message) implements SchedulerEvent {}

    record Heartbeat() implements SchedulerEvent {}
}
