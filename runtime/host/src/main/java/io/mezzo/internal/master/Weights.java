package io.mezzo.internal.master;

import io.mezzo.api.Roles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Role weights: validation and Mesos's {@code --weights} format ({@code role1=2.0,role2=3.5}). */
public final class Weights {
    private Weights() {}

    /** Throws with the reason when a role name or weight is invalid. */
    public static void validate(Map<String, Double> weights) {
        weights.forEach((role, weight) -> problem(role, weight).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        }));
    }

    /** Why this weight is refused: an invalid role name, {@code *}, or a weight that is not positive and finite. */
    public static Optional<String> problem(String role, double weight) {
        Optional<String> roleProblem = Roles.problem(role);
        if (roleProblem.isPresent()) {
            return roleProblem;
        }
        if (role.equals(Roles.DEFAULT)) {
            return Optional.of("the default role '*' cannot be given a weight");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            return Optional.of("weight of role '" + role + "' must be a positive number, not " + weight);
        }
        return Optional.empty();
    }

    public static Map<String, Double> parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid weight '" + item.strip() + "': expected role=weight");
            }
            String role = item.substring(0, eq).strip();
            double weight;
            try {
                weight = Double.parseDouble(item.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid weight '" + item.strip() + "': not a number");
            }
            problem(role, weight).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
            if (out.put(role, weight) != null) {
                throw new IllegalArgumentException("role '" + role + "' is given a weight twice");
            }
        }
        return out;
    }
}
