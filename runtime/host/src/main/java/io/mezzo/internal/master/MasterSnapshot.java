package io.mezzo.internal.master;

import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.MasterInfo;
import io.mezzo.internal.model.Offer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable copy of what the master knows at one moment, for {@code /state}, metrics and
 * the operator API. Built on the master's thread; read anywhere.
 */
public record MasterSnapshot(MasterInfo info, Instant startTime, Instant electedTime, String allocator,
                             Map<String, String> flags, List<AgentView> agents, Map<AgentId, Instant> unreachableAgents,
                             List<FrameworkView> frameworks, List<FrameworkView> completedFrameworks,
                             List<Offer> offers, Map<String, Double> weights, Map<String, Quota> quotas,
                             Set<String> fairnessExcludedResources) {

    public record AgentView(AgentId id, AgentInfo info, boolean connected, Instant registeredTime,
                            Optional<Instant> reregisteredTime, Resources used, Resources offered,
                            Map<String, Long> taskCounts) {}

    /**
     * @param state CONNECTED, DISCONNECTED, RECOVERED or REMOVED
     * @param tasks tasks not yet settled (running, or terminal awaiting acknowledgement)
     */
    public record FrameworkView(FrameworkId id, FrameworkInfo info, String state, Instant registeredTime,
                                Optional<Instant> reregisteredTime, Optional<Instant> unregisteredTime,
                                Set<String> suppressedRoles, List<Task> tasks, List<Task> completedTasks,
                                List<Offer> offers, Resources used, Resources offered) {
        public boolean connected() {
            return state.equals("CONNECTED");
        }

        /** Mesos's {@code active}: connected and not deactivated. */
        public boolean active() {
            return connected();
        }

        public boolean recovered() {
            return state.equals("RECOVERED");
        }
    }
}
