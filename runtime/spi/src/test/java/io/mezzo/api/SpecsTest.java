package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation of the small descriptions the SPIs exchange: Usage, FrameworkSpec, AgentSpec. */
class SpecsTest {

    private static final FrameworkId FW = FrameworkId.of("fw-1");
    private static final AgentId AGENT = AgentId.of("S1");

    @Test
    void usageNeedsEveryPartAndAValidRole() {
        Resources cpus = Resources.parse("cpus:1");
        assertThat(new Usage(FW, AGENT, "eng/ads", cpus).role()).isEqualTo("eng/ads");
        assertThat(new Usage(FW, AGENT, "*", Resources.empty()).resources().isEmpty()).isTrue();

        assertThatThrownBy(() -> new Usage(null, AGENT, "*", cpus)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Usage(FW, null, "*", cpus)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Usage(FW, AGENT, "*", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Usage(FW, AGENT, "", cpus)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Usage(FW, AGENT, "-ads", cpus))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-ads");
    }

    @Test
    void frameworkSpecValidatesRolesAndCopies() {
        List<String> roles = new ArrayList<>(List.of("ads", "eng/web"));
        Set<String> capabilities = new HashSet<>(Set.of("MULTI_ROLE"));
        FrameworkSpec spec = new FrameworkSpec("fw", roles, capabilities);
        roles.add("late");
        capabilities.add("GPU_RESOURCES");

        assertThat(spec.roles()).containsExactly("ads", "eng/web");
        assertThat(spec.capabilities()).containsExactly("MULTI_ROLE");
        assertThatThrownBy(() -> spec.roles().add("x")).isInstanceOf(UnsupportedOperationException.class);
        // A MULTI_ROLE framework may hold no role at all.
        assertThat(new FrameworkSpec("fw", List.of(), Set.of("MULTI_ROLE")).roles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a//b", "/ads", "ads/", "-x", "a b", "a/*"})
    void frameworkSpecRefusesInvalidRoles(String role) {
        assertThatThrownBy(() -> new FrameworkSpec("fw", List.of("ads", role), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frameworkSpecNeedsAName() {
        assertThatThrownBy(() -> new FrameworkSpec(null, List.of("*"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        // Mesos allows an empty framework name.
        assertThat(new FrameworkSpec("", List.of("*"), Set.of()).name()).isEmpty();
    }

    @Test
    void agentSpecNeedsAHostnameAndCopiesAttributes() {
        List<Attribute> attributes = new ArrayList<>(Attribute.parseAll("rack:r1"));
        AgentSpec spec = new AgentSpec("host-1", attributes);
        attributes.clear();
        assertThat(spec.attributes()).containsExactly(new Attribute("rack", new Text("r1")));

        assertThatThrownBy(() -> new AgentSpec("", List.of())).hasMessageContaining("hostname");
        assertThatThrownBy(() -> new AgentSpec("  ", List.of())).hasMessageContaining("hostname");
        assertThatThrownBy(() -> new AgentSpec(null, List.of())).hasMessageContaining("hostname");
    }
}
