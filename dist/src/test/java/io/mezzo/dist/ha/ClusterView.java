package io.mezzo.dist.ha;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one master says of the cluster on {@code GET /mezzo/cluster}: its own role and epoch,
 * the leader it knows of, and the masters it currently sees.
 */
record ClusterView(String self, boolean leading, long epoch, Optional<String> leader, long leaderEpoch,
                   List<String> members) {
    ClusterView {
        members = List.copyOf(members);
    }

    static ClusterView of(JsonNode json) {
        JsonNode self = json.path("self");
        JsonNode leader = json.path("leader");
        boolean known = leader.isObject() && leader.hasNonNull("address");
        List<String> members = new ArrayList<>();
        json.path("members").forEach(m -> members.add(m.asText()));
        return new ClusterView(self.path("address").asText(), "leader".equals(self.path("role").asText()),
                self.path("epoch").asLong(-1), known ? Optional.of(leader.path("address").asText()) : Optional.empty(),
                known ? leader.path("epoch").asLong(-1) : -1, members);
    }

    /** True when this master follows {@code address} as the leader (or is it and leads). */
    boolean follows(String address) {
        return leader.filter(address::equals).isPresent() && (leading == self.equals(address));
    }
}
