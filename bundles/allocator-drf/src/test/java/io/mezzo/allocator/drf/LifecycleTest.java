package io.mezzo.allocator.drf;

import static io.mezzo.allocator.drf.AllocatorFixture.offered;
import static io.mezzo.allocator.drf.AllocatorFixture.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mezzo.api.AgentId;
import io.mezzo.api.AgentSpec;
import io.mezzo.api.Allocation;
import io.mezzo.api.AllocatorOptions;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Frameworks and agents coming and going around cycles, and the options the operator sets. */
class LifecycleTest {
    private final AllocatorFixture f = new AllocatorFixture();

    @Test
    void removingAFrameworkWithOutstandingOffersFreesThemOnceEvenIfTheyAreRecoveredLater() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        assertThat(AllocatorFixture.recipients(f.cycle())).containsExactly(a);

        f.allocator.removeFramework(a);
        // the master rescinds a's offer and recovers it after the removal: nothing to free twice
        f.recover(a, agent, "*", r("cpus:4;mem:4096"));

        assertThat(f.cycle()).containsExactly(Allocation.of(b, "*", agent, r("cpus:4;mem:4096")));
        assertThat(f.cycle()).isEmpty();
    }

    @Test
    void agentAddedBetweenCyclesIsOfferedByTheSharesOfThatMoment() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId a1 = f.agent("a1", "cpus:4;mem:4096");
        assertThat(AllocatorFixture.recipients(f.cycle())).containsExactly(a);

        AgentId a2 = f.agent("a2", "cpus:4;mem:4096");

        // shares: a = .5, b = 0
        assertThat(f.cycle()).containsExactly(Allocation.of(b, "*", a2, r("cpus:4;mem:4096")));
        assertThat(f.share(a)).isCloseTo(0.5, within(1e-12));
        f.recover(a, a1, "*", r("cpus:4;mem:4096"));
        // shares: a = 0, b = .5
        assertThat(f.cycle()).containsExactly(Allocation.of(a, "*", a1, r("cpus:4;mem:4096")));
    }

    @Test
    void agentRemovedWithOutstandingOffersLeavesTheTotalAndLaterRecoveryIsIgnored() {
        FrameworkId a = f.framework("a");
        AgentId a1 = f.agent("a1", "cpus:4;mem:4096");
        AgentId a2 = f.agent("a2", "cpus:4;mem:4096");
        f.cycle();

        f.allocator.removeAgent(a1);
        f.recover(a, a1, "*", r("cpus:4;mem:4096"));

        // a still holds a2: all of what is left
        assertThat(f.share(a)).isCloseTo(1.0, within(1e-12));
        f.recover(a, a2, "*", r("cpus:4;mem:4096"));
        assertThat(f.cycle()).containsExactly(Allocation.of(a, "*", a2, r("cpus:4;mem:4096")));
    }

    @Test
    void frameworkReAddedWithTheSameIdStartsFromWhatItDeclares() {
        FrameworkId a = f.framework("a");
        AgentId a1 = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.decline(a, a1, "*", r("cpus:4;mem:4096"), Duration.ofHours(1));

        f.allocator.addFramework(a, AllocatorFixture.spec("*"), List.of(), true, Set.of());

        // the replacement has no filter and holds nothing
        assertThat(f.cycle()).containsExactly(Allocation.of(a, "*", a1, r("cpus:4;mem:4096")));
    }

    /**
     * The host switches back to an allocator it used before: it removes every framework and
     * agent the allocator knew, then replays the present (weights, quota, frameworks without
     * usage, agents with the usage of their tasks). Nothing from before may leak into what
     * follows: filters, holdings, shares.
     */
    @Test
    void removingEverythingThenReplayingGivesTheStateOfAFreshAllocator() {
        AllocatorFixture fresh = new AllocatorFixture();
        for (AllocatorFixture x : List.of(f, fresh)) {
            x.allocator.updateWeights(Map.of("b", 2.0));
        }
        FrameworkId a = f.framework("a", "a");
        FrameworkId b = f.framework("b", "b");
        AgentId a1 = f.agent("a1", "cpus:4;mem:4096");
        AgentId a2 = f.agent("a2", "cpus:4;mem:4096;cpus(b):2");
        // a1 goes to a, a2 to b (role shares: a .5, b 0)
        assertThat(offered(f.cycle(), a, "a", a1)).isEqualTo(r("cpus:4;mem:4096"));
        f.decline(a, a1, "a", r("cpus:4;mem:4096"), Duration.ofHours(1));
        f.allocator.suppressOffers(b, Set.of());

        for (FrameworkId fw : List.of(a, b)) {
            f.allocator.removeFramework(fw);
        }
        for (AgentId agent : List.of(a1, a2)) {
            f.allocator.removeAgent(agent);
        }
        for (AllocatorFixture x : List.of(f, fresh)) {
            replay(x, a, b, a1, a2);
        }

        List<Allocation> afterSwap = f.cycle();
        assertThat(afterSwap).isEqualTo(fresh.cycle());
        // b runs cpus:1;mem:1024 on a1; a is free of its old filter and holdings
        assertThat(offered(afterSwap, a, "a", a1)).isEqualTo(r("cpus:3;mem:3072"));
        assertThat(f.share(b, "b")).isCloseTo(fresh.share(b, "b"), within(1e-12));
        assertThat(f.roleShare("a")).isCloseTo(fresh.roleShare("a"), within(1e-12));
    }

    private static void replay(AllocatorFixture x, FrameworkId a, FrameworkId b, AgentId a1, AgentId a2) {
        x.allocator.updateQuota(Map.of("b", new Quota(r("cpus:1"), Resources.empty())));
        x.allocator.addFramework(a, AllocatorFixture.spec("a"), List.of(), true, Set.of());
        x.allocator.addFramework(b, AllocatorFixture.spec("b"), List.of(), true, Set.of());
        x.allocator.addAgent(a1, new AgentSpec("a1.example", List.of()), r("cpus:4;mem:4096"),
                List.of(new Usage(b, a1, "b", r("cpus:1;mem:1024"))));
        x.allocator.addAgent(a2, new AgentSpec("a2.example", List.of()), r("cpus:4;mem:4096;cpus(b):2"),
                List.of());
    }

    @Test
    void anAlternativeOfTheMinimumAllocatableIsEnough() {
        AllocatorFixture g = new AllocatorFixture(new AllocatorOptions(
                AllocatorOptions.parseMinAllocatable("cpus:1;mem:512|disk:1000"), Set.of()));
        FrameworkId fw = g.framework("fw");
        g.agent("small", "cpus:1;mem:100;disk:10");
        AgentId big = g.agent("big", "cpus:2;mem:1024");
        AgentId disky = g.agent("disky", "cpus:0.1;disk:2000");

        List<Allocation> offers = g.cycle();

        assertThat(offers).hasSize(1);
        assertThat(offers.get(0).resources().get("*")).containsOnlyKeys(big, disky);
        assertThat(fw).isEqualTo(offers.get(0).framework());
    }

    @Test
    void noMinimumAllocatableOffersAnythingNonEmpty() {
        AllocatorFixture g = new AllocatorFixture(new AllocatorOptions(List.of(), Set.of()));
        FrameworkId fw = g.framework("fw");
        AgentId tiny = g.agent("tiny", "cpus:0.001");

        assertThat(g.cycle()).containsExactly(Allocation.of(fw, "*", tiny, r("cpus:0.001")));
    }

    @Test
    void fairnessExcludedResourcesDoNotPushAFrameworkBack() {
        AllocatorFixture g = new AllocatorFixture(new AllocatorOptions(
                AllocatorOptions.defaults().minAllocatable(), Set.of("gpus")));
        FrameworkId gpu = g.framework("a-gpu");
        FrameworkId plain = g.framework("b-plain");
        AgentId withGpus = g.agent("a1", "cpus:1;mem:1024;gpus:4",
                new Usage(gpu, AgentId.of("a1"), "*", r("cpus:0.5;gpus:4")));
        g.agent("a2", "cpus:9;mem:1024",
                new Usage(plain, AgentId.of("a2"), "*", r("cpus:1")));

        // shares without gpus: a-gpu .05 (cpus .5 of 10), b-plain .1; with them a-gpu would be 1.0
        assertThat(g.share(gpu)).isCloseTo(0.05, within(1e-12));
        List<Allocation> offers = g.cycle();
        assertThat(offered(offers, gpu, "*", withGpus)).isEqualTo(r("cpus:0.5;mem:1024"));
    }
}
