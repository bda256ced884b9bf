package io.mezzo.internal.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The scalar resources of one offer, handed out to tasks. Each piece a task gets is a copy of
 * the offer resource it comes from (its {@code role}, {@code reservations} and
 * {@code allocation_info}) with a smaller value, which is what the master checks a task's
 * resources against.
 */
final class OfferResources {
    private final List<Piece> pieces = new ArrayList<>();

    OfferResources(JsonNode offer) {
        for (JsonNode r : offer.path("resources")) {
            if (r.has("scalar") && r.path("type").asText("SCALAR").equals("SCALAR")) {
                pieces.add(new Piece(r.path("name").asText(), (ObjectNode) r, r.path("scalar").path("value").asDouble()));
            }
        }
    }

    /** What is left of {@code name}. */
    double left(String name) {
        double sum = 0;
        for (Piece p : pieces) {
            if (p.name.equals(name)) {
                sum += p.left;
            }
        }
        return round(sum);
    }

    /**
     * Takes {@code amount} of {@code name} into {@code into}; false (and nothing taken) when
     * the offer has not that much left.
     */
    boolean take(String name, double amount, ArrayNode into) {
        if (amount <= 0) {
            return true;
        }
        if (left(name) + 1e-9 < amount) {
            return false;
        }
        double wanted = round(amount);
        for (Piece p : pieces) {
            if (wanted <= 0) {
                break;
            }
            if (!p.name.equals(name) || p.left <= 0) {
                continue;
            }
            double taken = round(Math.min(p.left, wanted));
            p.left = round(p.left - taken);
            wanted = round(wanted - taken);
            ObjectNode copy = p.source.deepCopy();
            copy.remove("scalar");
            copy.putObject("scalar").put("value", taken);
            into.add(copy);
        }
        return true;
    }

    /** Mesos keeps scalars at three decimals; so do we, so sums never drift past what was offered. */
    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static ArrayNode newList() {
        return JsonNodeFactory.instance.arrayNode();
    }

    private static final class Piece {
        final String name;
        final ObjectNode source;
        double left;

        Piece(String name, ObjectNode source, double left) {
            this.name = name;
            this.source = source;
            this.left = left;
        }
    }
}
