package io.mezzo.allocator.drf;

import static io.mezzo.allocator.drf.AllocatorFixture.offered;
import static io.mezzo.allocator.drf.AllocatorFixture.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mezzo.api.AgentId;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Quota;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeightsAndQuotaTest {
    private final AllocatorFixture f = new AllocatorFixture();

    private static Quota quota(String guarantees, String limits) {
        return new Quota(r(guarantees), r(limits));
    }

    /**
     * Two roles, one framework each, one agent of 30 cpus; whoever is offered the agent runs one
     * task of 1 cpu and gives the rest back. With weights 2 and 1 the agent ends split 20:10,
     * so the weighted shares are equal and the unweighted ones 2:1.
     */
    @Test
    void underContentionARoleOfWeightTwoEndsWithTwiceTheShare() {
        f.allocator.updateWeights(Map.of("gold", 2.0));
        FrameworkId gold = f.framework("fg", "gold");
        FrameworkId silver = f.framework("fs", "silver");
        AgentId agent = f.agent("a1", "cpus:30;mem:30720");
        Resources task = r("cpus:1;mem:1024");
        Map<FrameworkId, Integer> tasks = new HashMap<>(Map.of(gold, 0, silver, 0));

        for (int round = 0; round < 40; round++) {
            List<Allocation> offers = f.cycle();
            if (offers.isEmpty()) {
                break;
            }
            FrameworkId fw = offers.get(0).framework();
            String role = fw.equals(gold) ? "gold" : "silver";
            Resources offer = offered(offers, fw, role, agent);
            tasks.merge(fw, 1, Integer::sum);
            f.recover(fw, agent, role, offer.minus(task));
        }

        assertThat(tasks).containsEntry(gold, 20).containsEntry(silver, 10);
        // dominant shares: gold 20/30, silver 10/30; weighted: both 1/3
        assertThat(f.share(gold, "gold")).isCloseTo(2 * f.share(silver, "silver"), within(1e-9));
        assertThat(f.roleShare("gold")).isCloseTo(f.roleShare("silver"), within(1e-9));
    }

    @Test
    void weightsAreReplacedWholeAndUnnamedRolesWeighOne() {
        f.framework("fa", "a");
        FrameworkId b = f.framework("fb", "b");
        f.agent("a1", "cpus:4;mem:4096",
                new Usage(b, AgentId.of("a1"), "b", r("cpus:2;mem:2048")));
        f.allocator.updateWeights(Map.of("b", 4.0));
        // b holds half the cluster: weighted share .5 / 4
        assertThat(f.roleShare("b")).isCloseTo(0.125, within(1e-12));

        f.allocator.updateWeights(Map.of("a", 2.0));

        assertThat(f.roleShare("b")).isCloseTo(0.5, within(1e-12));
    }

    /**
     * Role q is guaranteed 4 cpus and holds 1; role a holds nothing, so a comes first in DRF
     * order, yet stage 1 gives q what it is guaranteed before a is offered anything.
     */
    @Test
    void quotaGuaranteeIsSatisfiedBeforeALowerShareRoleIsServed() {
        f.allocator.updateQuota(Map.of("q", quota("cpus:4", "")));
        FrameworkId a = f.framework("fa", "a");
        FrameworkId q = f.framework("fq", "q");
        AgentId a0 = f.agent("a0", "cpus:2;mem:2048",
                new Usage(q, AgentId.of("a0"), "q", r("cpus:1;mem:1024")));
        AgentId a1 = f.agent("a1", "cpus:2;mem:2048");
        AgentId a2 = f.agent("a2", "cpus:2;mem:2048");
        AgentId a3 = f.agent("a3", "cpus:2;mem:2048");

        List<Allocation> offers = f.cycle();

        // stage 1: q's unmet guarantee is cpus:3; a0 brings it 1, a1 the other 2
        assertThat(offered(offers, q, "q", a0)).isEqualTo(r("cpus:1;mem:1024"));
        assertThat(offered(offers, q, "q", a1)).isEqualTo(r("cpus:2;mem:2048"));
        // stage 2: a (share 0) takes a2; then a = 2/8 cpus < q = 4/8 cpus, so a takes a3 too
        assertThat(offered(offers, a, "a", a2)).isEqualTo(r("cpus:2;mem:2048"));
        assertThat(offered(offers, a, "a", a3)).isEqualTo(r("cpus:2;mem:2048"));
    }

    /**
     * Role q is guaranteed 4 of the cluster's 6 cpus but has no framework yet: a non-quota role
     * may take only the 2 cpus beyond that headroom (memory is not guaranteed, so all of it).
     */
    @Test
    void headroomForAnUnmetGuaranteeIsHeldBackFromOtherRoles() {
        f.allocator.updateQuota(Map.of("q", quota("cpus:4", "")));
        FrameworkId a = f.framework("fa", "a");
        AgentId a1 = f.agent("a1", "cpus:3;mem:3072");
        AgentId a2 = f.agent("a2", "cpus:3;mem:3072");

        List<Allocation> offers = f.cycle();

        assertThat(offered(offers, a, "a", a1)).isEqualTo(r("cpus:2;mem:3072"));
        assertThat(offered(offers, a, "a", a2)).isEqualTo(r("mem:3072"));

        FrameworkId q = f.framework("fq", "q");
        List<Allocation> later = f.cycle();
        assertThat(offered(later, q, "q", a1).plus(offered(later, q, "q", a2))).isEqualTo(r("cpus:4"));
    }

    @Test
    void quotaLimitCutsOffersAndIsNeverExceeded() {
        f.allocator.updateQuota(Map.of("q", quota("", "cpus:3")));
        FrameworkId q = f.framework("fq", "q");
        AgentId a1 = f.agent("a1", "cpus:2;mem:1024");
        AgentId a2 = f.agent("a2", "cpus:2;mem:1024");

        List<Allocation> offers = f.cycle();

        assertThat(offered(offers, q, "q", a1)).isEqualTo(r("cpus:2;mem:1024"));
        assertThat(offered(offers, q, "q", a2)).isEqualTo(r("cpus:1;mem:1024"));
        assertThat(f.cycle()).as("the cpu left on a2 would pass the limit").isEmpty();

        f.recover(q, a1, "q", r("cpus:1"));
        assertThat(f.cycle()).containsExactly(Allocation.of(q, "q", a1, r("cpus:1")));
    }

    @Test
    void reservationsCountAgainstTheLimitButAreStillOffered() {
        f.allocator.updateQuota(Map.of("q", quota("", "cpus:3")));
        FrameworkId q = f.framework("fq", "q");
        AgentId a1 = f.agent("a1", "cpus:4;mem:1024;cpus(q):2");

        // consumption: cpus(q):2 reserved; 1 unreserved cpu more reaches the limit
        assertThat(offered(f.cycle(), q, "q", a1)).isEqualTo(r("cpus:1;mem:1024;cpus(q):2"));
    }

    @Test
    void quotaIsReplacedWholeSoARemovedLimitNoLongerCuts() {
        f.allocator.updateQuota(Map.of("q", quota("", "cpus:1")));
        FrameworkId q = f.framework("fq", "q");
        AgentId a1 = f.agent("a1", "cpus:2;mem:1024");
        assertThat(offered(f.cycle(), q, "q", a1)).isEqualTo(r("cpus:1;mem:1024"));

        f.allocator.updateQuota(Map.of());

        assertThat(f.cycle()).containsExactly(Allocation.of(q, "q", a1, r("cpus:1")));
    }

    @Test
    void ancestorReservationsAreOfferedToDescendantRolesOnly() {
        AgentId agent = f.agent("a1", "cpus:1;mem:512;cpus(eng):2;cpus(eng/ads):1;cpus(ops):4");
        FrameworkId ads = f.framework("f-ads", "eng/ads");

        assertThat(f.cycle()).containsExactly(
                Allocation.of(ads, "eng/ads", agent, r("cpus:1;mem:512;cpus(eng):2;cpus(eng/ads):1")));

        FrameworkId eng = f.framework("f-eng", "eng");
        f.decline(ads, agent, "eng/ads", r("cpus(eng):2;cpus(eng/ads):1"), Duration.ofHours(1));
        // eng may use its own reservation but not the one of its child eng/ads (which ads declined)
        assertThat(f.cycle()).containsExactly(Allocation.of(eng, "eng", agent, r("cpus(eng):2")));
    }

    @Test
    void multiRoleFrameworkIsAClientOfEachRoleWithItsOwnShare() {
        FrameworkId fw = f.framework("fw", "a", "b");
        AgentId a1 = f.agent("a1", "cpus:4;mem:4096");
        AgentId a2 = f.agent("a2", "cpus:4;mem:1024");

        List<Allocation> offers = f.cycle();

        assertThat(offers).containsExactly(new Allocation(fw, Map.of(
                "a", Map.of(a1, r("cpus:4;mem:4096")),
                "b", Map.of(a2, r("cpus:4;mem:1024")))));
        // shares within each role: a = .8 (mem 4096 of 5120), b = .5 (cpus 4 of 8)
        assertThat(f.share(fw, "a")).isCloseTo(0.8, within(1e-12));
        assertThat(f.share(fw, "b")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void frameworksOfOneRoleShareWhatTheRoleIsGiven() {
        FrameworkId x1 = f.framework("x1", "x");
        FrameworkId x2 = f.framework("x2", "x");
        FrameworkId y = f.framework("y1", "y");
        for (int i = 1; i <= 4; i++) {
            f.agent("a" + i, "cpus:1;mem:1024");
        }

        List<Allocation> offers = f.cycle();

        // role y (one framework) gets as much as role x (two frameworks): 2 agents each
        assertThat(AllocatorFixture.recipients(offers)).containsExactlyInAnyOrder(x1, x2, y);
        int forY = offers.stream().filter(a -> a.framework().equals(y))
                .mapToInt(a -> a.resources().get("y").size()).sum();
        assertThat(forY).isEqualTo(2);
        assertThat(f.roleShare("x")).isCloseTo(f.roleShare("y"), within(1e-12));
        assertThat(f.share(x1, "x")).isCloseTo(0.25, within(1e-12));
        assertThat(f.share(x2, "x")).isCloseTo(0.25, within(1e-12));
    }
    /** The worked example of docs/allocation.md, step by step. */
    @Test
    void workedExampleOfTheAllocationDocument() {
        f.allocator.updateWeights(Map.of("eng/ads", 2.0));
        f.allocator.updateQuota(Map.of("batch", quota("cpus:6", "")));
        FrameworkId a = f.framework("A", "eng/ads");
        FrameworkId b = FrameworkId.of("B");
        f.allocator.addFramework(b, AllocatorFixture.spec("batch"), List.of(), true, Set.of("batch"));
        FrameworkId w = f.framework("W", "web");
        AgentId g1 = f.agent("g1", "cpus:4;mem:4096", new Usage(w, AgentId.of("g1"), "web", r("cpus:1;mem:1024")));
        AgentId g2 = f.agent("g2", "cpus:4;mem:4096");
        AgentId g3 = f.agent("g3", "cpus:4;mem:4096;cpus(eng):2");

        List<Allocation> first = f.cycle();

        assertThat(first).containsExactlyInAnyOrder(
                new Allocation(a, Map.of("eng/ads", Map.of(g1, r("cpus:3;mem:3072"), g3, r("cpus(eng):2;mem:4096")))),
                Allocation.of(w, "web", g2, r("cpus:2;mem:4096")));

        f.allocator.reviveOffers(b, Set.of());
        List<Allocation> second = f.cycle();

        assertThat(second).containsExactly(new Allocation(b, Map.of("batch", Map.of(g2, r("cpus:2"), g3, r("cpus:4")))));
    }
}
