package io.mezzo.allocator.drf;

import static io.mezzo.allocator.drf.AllocatorFixture.offered;
import static io.mezzo.allocator.drf.AllocatorFixture.r;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.AgentId;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefusalAndSuppressionTest {
    private final AllocatorFixture f = new AllocatorFixture();

    @Test
    void declinedAgentIsNotReofferedWithinRefuseWindow() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(fw, agent, "*", r("cpus:4;mem:4096"), Duration.ofSeconds(5));

        assertThat(f.cycle()).isEmpty();
        f.clock.advance(Duration.ofMillis(4999));
        assertThat(f.cycle()).isEmpty();

        f.clock.advance(Duration.ofMillis(1));
        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void refusedResourcesGoToTheNextFrameworkMeanwhile() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(a, agent, "*", r("cpus:4;mem:4096"), Duration.ofMinutes(1));

        // shares: a = 0, b = 0; a comes first by id but its filter hides the agent
        assertThat(f.cycle()).containsExactly(Allocation.of(b, "*", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void moreFreeResourcesThanRefusedBreakTheFilter() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        // accepts a task of cpus:1;mem:1024 and declines the rest for an hour
        f.decline(fw, agent, "*", r("cpus:3;mem:3072"), Duration.ofHours(1));
        assertThat(f.cycle()).isEmpty();

        // the task ends: the agent now has more free than was refused
        f.recover(fw, agent, "*", r("cpus:1;mem:1024"));

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void lessFreeResourcesThanRefusedStayFiltered() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(a, agent, "*", r("cpus:4;mem:4096"), Duration.ofHours(1));
        f.cycle();
        // b keeps cpus:1;mem:1024 and returns the rest
        f.recover(b, agent, "*", r("cpus:3;mem:3072"));

        // shares: a = 0, b = .25; a would come first, but cpus:3;mem:3072 lies within its refusal
        assertThat(f.cycle()).containsExactly(Allocation.of(b, "*", agent, r("cpus:3;mem:3072")));
    }

    @Test
    void filterAppliesOnlyToTheRoleThatRefused() {
        FrameworkId fw = f.framework("fw", "batch", "web");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        assertThat(offered(f.cycle(), fw, "batch", agent)).isEqualTo(r("cpus:4;mem:4096"));
        f.decline(fw, agent, "batch", r("cpus:4;mem:4096"), Duration.ofHours(1));

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "web", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void refusalLongerThanAYearIsCutToAYear() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(fw, agent, "*", r("cpus:4;mem:4096"), Duration.ofDays(1000));

        f.clock.advance(Duration.ofDays(365).minusSeconds(1));
        assertThat(f.cycle()).isEmpty();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.cycle()).hasSize(1);
    }

    @Test
    void zeroRefusalInstallsNoFilter() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(fw, agent, "*", r("cpus:4;mem:4096"), Duration.ZERO);

        assertThat(f.cycle()).hasSize(1);
    }

    @Test
    void suppressedFrameworkIsOfferedNothingUntilRevived() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.allocator.suppressOffers(fw, Set.of());

        assertThat(f.cycle()).isEmpty();

        f.allocator.reviveOffers(fw, Set.of());
        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void suppressingOneRoleLeavesTheOthersOffered() {
        FrameworkId fw = f.framework("fw", "web", "batch");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.allocator.suppressOffers(fw, Set.of("web"));

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "batch", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void frameworkAddedWithSuppressedRolesIsNotOfferedInThem() {
        FrameworkId fw = FrameworkId.of("fw");
        f.allocator.addFramework(fw, AllocatorFixture.spec("web", "batch"), java.util.List.of(), true, Set.of("web"));
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "batch", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void reviveClearsRefuseFilters() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(fw, agent, "*", r("cpus:4;mem:4096"), Duration.ofHours(1));
        assertThat(f.cycle()).isEmpty();

        f.allocator.reviveOffers(fw, Set.of());

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void reviveOfOneRoleKeepsFiltersInTheOthers() {
        FrameworkId fw = f.framework("fw", "batch", "web");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(fw, agent, "batch", r("cpus:4;mem:4096"), Duration.ofHours(1));
        f.allocator.suppressOffers(fw, Set.of("web"));
        assertThat(f.cycle()).isEmpty();

        f.allocator.reviveOffers(fw, Set.of("web"));

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "web", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void deactivationDropsRefuseFilters() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(fw, agent, "*", r("cpus:4;mem:4096"), Duration.ofHours(1));

        f.allocator.deactivateFramework(fw);
        f.allocator.activateFramework(fw);

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void filtersOfARemovedAgentDoNotHideItWhenItReturns() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(fw, agent, "*", r("cpus:4;mem:4096"), Duration.ofHours(1));

        f.allocator.removeAgent(agent);
        f.agent("a1", "cpus:4;mem:4096");

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:4;mem:4096")));
    }
}
