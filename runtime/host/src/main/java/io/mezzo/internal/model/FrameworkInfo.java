package io.mezzo.internal.model;

import io.mezzo.api.FrameworkId;
import io.mezzo.api.FrameworkSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A framework's {@code FrameworkInfo}, normalized: {@code roles} always holds the roles the
 * framework subscribes with (its single {@code role}, or {@code *}, unless it is MULTI_ROLE).
 */
public record FrameworkInfo(Optional<FrameworkId> id, String user, String name, List<String> roles,
                            Duration failoverTimeout, boolean checkpoint, Optional<String> hostname,
                            Optional<String> principal, Optional<String> webuiUrl, Set<String> capabilities,
                            List<Label> labels) {
    public static final String MULTI_ROLE = "MULTI_ROLE";
    public static final String PARTITION_AWARE = "PARTITION_AWARE";
    public static final String TASK_KILLING_STATE = "TASK_KILLING_STATE";

    public FrameworkInfo {
        if (user == null || name == null) {
            throw new IllegalArgumentException("framework info needs a user and a name");
        }
        id = id == null ? Optional.empty() : id;
        roles = List.copyOf(roles);
        hostname = hostname == null ? Optional.empty() : hostname;
        principal = principal == null ? Optional.empty() : principal;
        webuiUrl = webuiUrl == null ? Optional.empty() : webuiUrl;
        capabilities = Set.copyOf(capabilities);
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public boolean multiRole() {
        return capabilities.contains(MULTI_ROLE);
    }

    public boolean partitionAware() {
        return capabilities.contains(PARTITION_AWARE);
    }

    public boolean taskKillingState() {
        return capabilities.contains(TASK_KILLING_STATE);
    }

    public FrameworkInfo withId(FrameworkId frameworkId) {
        return new FrameworkInfo(Optional.of(frameworkId), user, name, roles, failoverTimeout, checkpoint,
                hostname, principal, webuiUrl, capabilities, labels);
    }

    /** What the allocator sees. */
    public FrameworkSpec spec() {
        return new FrameworkSpec(name, roles, capabilities);
    }
}
