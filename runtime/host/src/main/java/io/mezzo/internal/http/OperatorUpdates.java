package io.mezzo.internal.http;

import io.mezzo.api.Quota;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Roles;
import io.mezzo.api.Scalar;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.wire.Msg;
import io.mezzo.spi.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The operator calls that change the master: UPDATE_WEIGHTS and UPDATE_QUOTA. A malformed
 * call is refused before it reaches the master; the endpoint then authorizes each role the
 * update touches; the master refuses what breaks its rules.
 */
final class OperatorUpdates {
    private OperatorUpdates() {}

    /**
     * A parsed update.
     *
     * @param action what the caller needs for each of {@code roles} ({@code update_weights},
     *               {@code update_quotas})
     * @param apply  hands the update to the master: empty when applied, else the reason (a 400)
     */
    record Update(Action action, List<String> roles, Supplier<CompletableFuture<Optional<String>>> apply) {
        Update {
            roles = List.copyOf(roles);
        }
    }

    /** Parses {@code call}; a malformed one throws with the reason (a 400). */
    static Update parse(String type, Msg call, Master master) {
        switch (type) {
            case "UPDATE_WEIGHTS": {
                Map<String, Double> weights = weights(require(call, "update_weights"));
                return new Update(Action.UPDATE_WEIGHT, List.copyOf(weights.keySet()), () -> master.updateWeights(weights));
            }
            case "UPDATE_QUOTA": {
                Msg update = require(call, "update_quota");
                Map<String, Quota> quotas = quotas(update);
                boolean force = update.bool("force");
                return new Update(Action.UPDATE_QUOTA, List.copyOf(quotas.keySet()), () -> master.updateQuota(quotas, force));
            }
            default:
                throw new IllegalArgumentException("not an update: " + type);
        }
    }

    private static Msg require(Msg call, String field) {
        if (!call.has(field)) {
            throw new IllegalArgumentException("Expecting '" + field + "' to be present");
        }
        return call.message(field);
    }

    private static Map<String, Double> weights(Msg update) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Msg info : update.messages("weight_infos")) {
            String role = info.optionalString("role").orElse("");
            if (weights.put(role, info.doubleValue("weight")) != null) {
                throw new IllegalArgumentException("role '" + role + "' appears twice in 'weight_infos'");
            }
        }
        return weights;
    }

    private static Map<String, Quota> quotas(Msg update) {
        Map<String, Quota> quotas = new LinkedHashMap<>();
        for (Msg config : update.messages("quota_configs")) {
            String role = config.string("role");
            Roles.problem(role).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
            Quota quota = new Quota(scalars(role, "guarantees", config.messageMap("guarantees")),
                    scalars(role, "limits", config.messageMap("limits")));
            if (quotas.put(role, quota) != null) {
                throw new IllegalArgumentException("role '" + role + "' appears twice in 'quota_configs'");
            }
        }
        return quotas;
    }

    private static Resources scalars(String role, String what, Map<String, Msg> values) {
        List<Resource> out = new ArrayList<>();
        values.forEach((name, scalar) -> {
            double v = scalar.doubleValue("value");
            if (Double.isNaN(v) || v < 0 || Double.isInfinite(v)) {
                throw new IllegalArgumentException("quota " + what + " of role '" + role + "' has invalid " + name
                        + " " + v);
            }
            out.add(new Resource(name, Roles.DEFAULT, Scalar.of(v)));
        });
        return Resources.of(out);
    }
}
