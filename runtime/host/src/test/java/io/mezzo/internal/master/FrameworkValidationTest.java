package io.mezzo.internal.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.model.FrameworkInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameworkValidationTest {

    private static SubscribeRequest request(List<String> roles, Optional<String> role, Set<String> caps,
                                            Set<String> suppressed) {
        FrameworkInfo info = new FrameworkInfo(Optional.empty(), "alice", "fw", roles, Duration.ZERO, false,
                Optional.empty(), Optional.empty(), Optional.empty(), caps, List.of());
        return new SubscribeRequest(info, role, suppressed);
    }

    @Test
    void singleRoleFrameworkDefaultsToStar() {
        FrameworkValidation.Result r = FrameworkValidation.validate(request(List.of(), Optional.empty(), Set.of(), Set.of()));
        assertThat(r.info().orElseThrow().roles()).containsExactly("*");
    }

    @Test
    void singleRoleFrameworkUsesItsRoleField() {
        FrameworkValidation.Result r = FrameworkValidation.validate(request(List.of(), Optional.of("ads"), Set.of(), Set.of()));
        assertThat(r.info().orElseThrow().roles()).containsExactly("ads");
    }

    @Test
    void rolesWithoutMultiRoleAreRefused() {
        FrameworkValidation.Result r = FrameworkValidation.validate(request(List.of("a"), Optional.empty(), Set.of(), Set.of()));
        assertThat(r.refusal()).hasValueSatisfying(m -> assertThat(m).contains("MULTI_ROLE"));
    }

    @Test
    void roleWithMultiRoleIsRefused() {
        FrameworkValidation.Result r = FrameworkValidation.validate(request(List.of("a"), Optional.of("b"),
                Set.of("MULTI_ROLE"), Set.of()));
        assertThat(r.refusal()).hasValueSatisfying(m -> assertThat(m).contains("'FrameworkInfo.role' must not be set"));
    }

    @Test
    void multiRoleFrameworkKeepsItsRolesInOrder() {
        FrameworkValidation.Result r = FrameworkValidation.validate(request(List.of("b", "a"), Optional.empty(),
                Set.of("MULTI_ROLE"), Set.of("a")));
        assertThat(r.info().orElseThrow().roles()).containsExactly("b", "a");
    }

    @Test
    void invalidAndDuplicateRolesAreRefusedWithTheReason() {
        assertThat(FrameworkValidation.validate(request(List.of(), Optional.of("a/../b"), Set.of(), Set.of())).refusal())
                .hasValueSatisfying(m -> assertThat(m).contains("'a/../b'"));
        assertThat(FrameworkValidation.validate(request(List.of("a", "a"), Optional.empty(), Set.of("MULTI_ROLE"),
                Set.of())).refusal()).hasValueSatisfying(m -> assertThat(m).contains("more than once"));
    }

    @Test
    void suppressedRoleMustBeHeld() {
        assertThat(FrameworkValidation.validate(request(List.of(), Optional.of("a"), Set.of(), Set.of("b"))).refusal())
                .hasValueSatisfying(m -> assertThat(m).contains("suppressed role 'b'"));
    }

    @Test
    void failoverTimeoutRefusesNegativeNanAndHuge() {
        assertThat(FrameworkValidation.failoverTimeout(604800.0)).contains(Duration.ofDays(7));
        assertThat(FrameworkValidation.failoverTimeout(-1)).isEmpty();
        assertThat(FrameworkValidation.failoverTimeout(Double.NaN)).isEmpty();
        assertThat(FrameworkValidation.failoverTimeout(1e300)).isEmpty();
    }
}
