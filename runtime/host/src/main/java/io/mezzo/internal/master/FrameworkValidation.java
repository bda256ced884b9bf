package io.mezzo.internal.master;

import io.mezzo.api.Roles;
import io.mezzo.internal.model.FrameworkInfo;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mesos's checks on a subscribing framework's {@code FrameworkInfo}, and the normalization
 * of its roles: a MULTI_ROLE framework uses {@code roles} and must not set {@code role}; any
 * other framework uses {@code role} (default {@code *}) and must not set {@code roles}.
 */
public final class FrameworkValidation {
    /** Longest failover timeout Mezzo accepts (about 290 years, what fits in a Duration of nanos). */
    static final double MAX_FAILOVER_SECONDS = Long.MAX_VALUE / 1e9;

    private FrameworkValidation() {}

    /** The normalized info, or why it is refused (the text of the ERROR event). */
    public static Result validate(SubscribeRequest request) {
        FrameworkInfo info = request.info();
        List<String> roles;
        if (info.multiRole()) {
            if (request.legacyRole().isPresent()) {
                return Result.refused("'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable;"
                        + " use 'FrameworkInfo.roles'");
            }
            roles = info.roles();
        } else {
            if (!info.roles().isEmpty()) {
                return Result.refused("'FrameworkInfo.roles' may only be set when the framework has the MULTI_ROLE"
                        + " capability; use 'FrameworkInfo.role'");
            }
            roles = List.of(request.legacyRole().orElse(Roles.DEFAULT));
        }
        Set<String> seen = new HashSet<>();
        for (String role : roles) {
            Optional<String> problem = Roles.problem(role);
            if (problem.isPresent()) {
                return Result.refused("invalid role in FrameworkInfo: " + problem.get());
            }
            if (!seen.add(role)) {
                return Result.refused("'FrameworkInfo.roles' contains role '" + role + "' more than once");
            }
        }
        for (String role : request.suppressedRoles()) {
            if (!seen.contains(role)) {
                return Result.refused("suppressed role '" + role + "' is not one of the framework's roles");
            }
        }
        if (info.name().length() > 1024 || info.user().length() > 256) {
            return Result.refused("FrameworkInfo.name or user is too long");
        }
        FrameworkInfo normalized = new FrameworkInfo(info.id(), info.user(), info.name(), roles,
                info.failoverTimeout(), info.checkpoint(), info.hostname(), info.principal(), info.webuiUrl(),
                info.capabilities(), info.labels());
        return new Result(Optional.of(normalized), Optional.empty());
    }

    /** Converts {@code failover_timeout} seconds, refusing what Mesos's Duration would refuse. */
    public static Optional<Duration> failoverTimeout(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0 || seconds > MAX_FAILOVER_SECONDS) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) (seconds * 1e9)));
    }

    /** Either the normalized info or the reason it was refused. */
    public record Result(Optional<FrameworkInfo> info, Optional<String> refusal) {
        static Result refused(String why) {
            return new Result(Optional.empty(), Optional.of(why));
        }
    }
}
