package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocationTest {

    private static final FrameworkId FW = FrameworkId.of("fw-1");
    private static final AgentId A1 = AgentId.of("S1");
    private static final AgentId A2 = AgentId.of("S2");

    @Test
    void dropsAgentsWithNothingToOfferAndRolesLeftWithNoAgents() {
        Map<AgentId, Resources> ads = new LinkedHashMap<>();
        ads.put(A1, Resources.parse("cpus:1"));
        ads.put(A2, Resources.empty());
        Map<String, Map<AgentId, Resources>> byRole = new LinkedHashMap<>();
        byRole.put("ads", ads);
        byRole.put("web", Map.of(A1, Resources.empty()));   // an offer of nothing is no offer
        byRole.put("eng", Map.of());

        Allocation allocation = new Allocation(FW, byRole);

        assertThat(allocation.resources()).containsOnlyKeys("ads");
        assertThat(allocation.resources().get("ads")).containsExactly(Map.entry(A1, Resources.parse("cpus:1")));
        assertThat(allocation.isEmpty()).isFalse();
    }

    @Test
    void anAllocationOfNothingIsEmpty() {
        assertThat(Allocation.of(FW, "*", A1, Resources.empty()).isEmpty()).isTrue();
        assertThat(new Allocation(FW, Map.of()).isEmpty()).isTrue();
        assertThat(Allocation.of(FW, "*", A1, Resources.parse("mem:1")).isEmpty()).isFalse();
    }

    @Test
    void copiesItsMapsAndIsUnmodifiable() {
        Map<AgentId, Resources> agents = new LinkedHashMap<>(Map.of(A1, Resources.parse("cpus:1")));
        Map<String, Map<AgentId, Resources>> byRole = new LinkedHashMap<>(Map.of("ads", agents));
        Allocation allocation = new Allocation(FW, byRole);

        agents.put(A2, Resources.parse("cpus:2"));
        byRole.put("web", Map.of(A1, Resources.parse("cpus:3")));

        assertThat(allocation.resources()).containsOnlyKeys("ads");
        assertThat(allocation.resources().get("ads")).containsOnlyKeys(A1);
        assertThatThrownBy(() -> allocation.resources().put("x", Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> allocation.resources().get("ads").put(A2, Resources.empty()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsRoleAndAgentOrder() {
        Map<String, Map<AgentId, Resources>> byRole = new LinkedHashMap<>();
        byRole.put("web", Map.of(A1, Resources.parse("cpus:1")));
        byRole.put("ads", Map.of(A1, Resources.parse("cpus:1")));
        assertThat(new Allocation(FW, byRole).resources().keySet()).containsExactly("web", "ads");
    }

    @Test
    void refusesAnInvalidRoleOrNoFramework() {
        assertThatThrownBy(() -> Allocation.of(FW, "a//b", A1, Resources.parse("cpus:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a//b");
        // Even when the resources are empty and the role would be dropped anyway.
        assertThatThrownBy(() -> Allocation.of(FW, "", A1, Resources.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Allocation.of(null, "*", A1, Resources.parse("cpus:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("framework");
    }
}
