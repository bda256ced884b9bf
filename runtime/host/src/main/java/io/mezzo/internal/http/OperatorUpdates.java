package io.mezzo.internal.http;

import io.mezzo.api.Quota;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Roles;
import io.mezzo.api.Scalar;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.wire.Msg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The operator calls that change the master: UPDATE_WEIGHTS and UPDATE_QUOTA. A malformed
 * call is refused before it reaches the master; the master refuses what breaks its rules.
 */
final class OperatorUpdates {
    private OperatorUpdates() {}

    /** Empty when applied, else the reason (a 400). */
    static CompletableFuture<Optional<String>> apply(String type, Msg call, Master master) {
        try {
            switch (type) {
                case "UPDATE_WEIGHTS":
                    return master.updateWeights(weights(require(call, "update_weights")));
                case "UPDATE_QUOTA": {
                    Msg update = require(call, "update_quota");
                    return master.updateQuota(quotas(update), update.bool("force"));
                }
                default:
                    throw new IllegalArgumentException("not an update: " + type);
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Optional.of(e.getMessage()));
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
