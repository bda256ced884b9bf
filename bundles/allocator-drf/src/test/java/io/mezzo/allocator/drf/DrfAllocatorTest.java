package io.mezzo.allocator.drf;

import static io.mezzo.allocator.drf.AllocatorFixture.offered;
import static io.mezzo.allocator.drf.AllocatorFixture.r;
import static io.mezzo.allocator.drf.AllocatorFixture.recipients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mezzo.api.AgentId;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Resources;
import io.mezzo.api.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrfAllocatorTest {
    private final AllocatorFixture f = new AllocatorFixture();

    @Test
    void singleFrameworkIsOfferedTheWholeAgent() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:4;mem:8192;disk:1000;ports:[31000-32000]");

        List<Allocation> offers = f.cycle();

        assertThat(offers).containsExactly(
                Allocation.of(fw, "*", agent, r("cpus:4;mem:8192;disk:1000;ports:[31000-32000]")));
        assertThat(f.cycle()).as("everything is allocated until recovered").isEmpty();
    }

    /**
     * The example of the DRF paper (Ghodsi et al., NSDI 2011): 9 cpus and 18 GB; A runs tasks
     * of (1 cpu, 4 GB), B of (3 cpus, 1 GB). Each framework launches one task per offer and
     * gives the rest back. DRF ends with A running 3 tasks and B 2, both at a dominant share
     * of 2/3 (A's is memory, B's is cpus).
     */
    @Test
    void drfPaperExampleEqualizesDominantShares() {
        AgentId agent = f.agent("a1", "cpus:9;mem:18432");
        FrameworkId a = f.framework("A");
        FrameworkId b = f.framework("B");
        Map<FrameworkId, Resources> task = Map.of(a, r("cpus:1;mem:4096"), b, r("cpus:3;mem:1024"));
        Map<FrameworkId, Integer> launched = new HashMap<>(Map.of(a, 0, b, 0));
        List<FrameworkId> offeredTo = new ArrayList<>();

        for (int round = 0; round < 20; round++) {
            List<Allocation> offers = f.cycle();
            assertThat(offers).hasSize(1);
            FrameworkId fw = offers.get(0).framework();
            offeredTo.add(fw);
            Resources offer = offered(offers, fw, "*", agent);
            if (!offer.contains(task.get(fw))) {
                f.recover(fw, agent, "*", offer);
                break;
            }
            launched.merge(fw, 1, Integer::sum);
            f.recover(fw, agent, "*", offer.minus(task.get(fw)));
        }

        // shares along the way: A 2/9, B 1/3, A 4/9, B 2/3, A 2/3; then A (tie, by id)
        // is offered the last 4 GB, which fits no task.
        assertThat(offeredTo).containsExactly(a, b, a, b, a, a);
        assertThat(launched).containsEntry(a, 3).containsEntry(b, 2);
        assertThat(f.share(a)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(f.share(b)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void oneAllocationPerFrameworkPerCycleCoversEveryAgentAndRole() {
        FrameworkId fw = f.framework("fw", "ads", "web");
        AgentId a1 = f.agent("a1", "cpus:2;mem:1024;cpus(web):1");
        AgentId a2 = f.agent("a2", "cpus:2;mem:1024");

        List<Allocation> offers = f.cycle();

        // a1: roles ads and web both at 0, ads first by name takes what it may use, web the
        // rest; a2: role shares ads = .5 (mem 1024 of 2048), web = .2 (cpus 1 of 5): web first.
        // (The single-level allocator gave a2 to ads too; roles are now balanced.)
        assertThat(offers).hasSize(1);
        assertThat(offers.get(0).framework()).isEqualTo(fw);
        assertThat(offers.get(0).resources()).isEqualTo(Map.of(
                "ads", Map.of(a1, r("cpus:2;mem:1024")),
                "web", Map.of(a1, r("cpus(web):1"), a2, r("cpus:2;mem:1024"))));
    }

    @Test
    void reservedResourcesGoOnlyToFrameworksInThatRole() {
        FrameworkId web = f.framework("f1-web", "web");
        AgentId agent = f.agent("a1", "cpus:2;mem:1024;cpus(ads):2");

        List<Allocation> first = f.cycle();
        assertThat(offered(first, web, "web", agent)).isEqualTo(r("cpus:2;mem:1024"));
        assertThat(f.cycle()).as("nobody may take cpus(ads):2 yet").isEmpty();

        FrameworkId ads = f.framework("f2-ads", "ads");
        List<Allocation> second = f.cycle();
        assertThat(second).containsExactly(Allocation.of(ads, "ads", agent, r("cpus(ads):2")));
    }

    @Test
    void reservationAndUnreservedResourcesAreOfferedTogetherToTheRole() {
        FrameworkId ads = f.framework("fw", "ads");
        AgentId agent = f.agent("a1", "cpus:2;mem:1024;cpus(ads):2;mem(web):512");

        assertThat(offered(f.cycle(), ads, "ads", agent)).isEqualTo(r("cpus:2;mem:1024;cpus(ads):2"));
    }

    @Test
    void resourcesBelowTheMinimumAllocatableAreNotOffered() {
        FrameworkId fw = f.framework("fw");
        f.agent("tiny", "cpus:0.009;mem:31;disk:5000");
        AgentId cpuOnly = f.agent("cpu-only", "cpus:0.01");
        AgentId memOnly = f.agent("mem-only", "mem:32");

        List<Allocation> offers = f.cycle();

        assertThat(offers).hasSize(1);
        assertThat(offers.get(0).resources().get("*")).containsOnlyKeys(cpuOnly, memOnly);
    }

    @Test
    void leftoverBelowTheMinimumIsNotOfferedToTheNextFramework() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId agent = f.agent("a1", "cpus:1;mem:64");
        f.cycle();
        f.recover(a, agent, "*", r("cpus:0.005;mem:24"));

        // a holds cpus:0.995;mem:40; b (share 0) comes first but cpus:0.005;mem:24 is too little
        assertThat(f.cycle()).isEmpty();

        f.recover(a, agent, "*", r("mem:8"));
        assertThat(f.cycle()).containsExactly(Allocation.of(b, "*", agent, r("cpus:0.005;mem:32")));
    }

    @Test
    void usageDeclaredWithTheFrameworkCountsTowardItsShareAndIsNotOffered() {
        AgentId a1 = f.agent("a1", "cpus:8;mem:8192");
        AgentId a2 = f.agent("a2", "cpus:8;mem:8192");
        FrameworkId a = FrameworkId.of("a");
        f.allocator.addFramework(a, AllocatorFixture.spec(), List.of(new Usage(a, a1, "*", r("cpus:4;mem:1024"))),
                true, Set.of());
        FrameworkId b = f.framework("b");

        // shares: a = .25 (cpus, 4 of 16), b = 0 -> b takes a1's free part first
        List<Allocation> offers = f.cycle();

        assertThat(offered(offers, b, "*", a1)).isEqualTo(r("cpus:4;mem:7168"));
        // then b = .4375 (mem, 7168 of 16384) > a = .25 -> a takes a2
        assertThat(offered(offers, a, "*", a2)).isEqualTo(r("cpus:8;mem:8192"));
    }

    @Test
    void usageDeclaredWithTheAgentCountsTowardTheFrameworksShare() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId a1 = f.agent("a1", "cpus:8;mem:8192", new Usage(a, AgentId.of("a1"), "*", r("cpus:2;mem:6144")));

        assertThat(f.share(a)).isCloseTo(0.75, within(1e-12));
        // shares: a = .75 (mem), b = 0
        assertThat(f.cycle()).containsExactly(Allocation.of(b, "*", a1, r("cpus:6;mem:2048")));
    }

    @Test
    void usageOfAFrameworkNotYetAddedIsHeldAndCountsOnceItArrives() {
        FrameworkId late = FrameworkId.of("late");
        FrameworkId other = f.framework("other");
        AgentId a1 = f.agent("a1", "cpus:4;mem:4096", new Usage(late, AgentId.of("a1"), "*", r("cpus:4;mem:4096")));

        assertThat(f.cycle()).as("held for the unknown framework").isEmpty();

        f.framework("late");
        assertThat(f.share(late)).isEqualTo(1.0);

        f.allocator.removeFramework(late);
        assertThat(f.cycle()).containsExactly(Allocation.of(other, "*", a1, r("cpus:4;mem:4096")));
    }

    @Test
    void removingAnAgentReleasesWhatWasAllocatedOnIt() {
        FrameworkId fa = f.framework("fa");
        FrameworkId fb = f.framework("fb");
        AgentId big = f.agent("a1", "cpus:8;mem:8192");
        AgentId small = f.agent("a2", "cpus:4;mem:4096");
        List<Allocation> offers = f.cycle();
        assertThat(offered(offers, fa, "*", big)).isEqualTo(r("cpus:8;mem:8192"));
        assertThat(offered(offers, fb, "*", small)).isEqualTo(r("cpus:4;mem:4096"));

        // a1 goes away while fa still holds its offer
        f.allocator.removeAgent(big);
        f.recover(fa, big, "*", r("cpus:8;mem:8192"));

        assertThat(f.share(fa)).isZero();
        assertThat(f.share(fb)).isEqualTo(1.0);
        AgentId a3 = f.agent("a3", "cpus:4;mem:4096");
        // shares: fa = 0, fb = .5; had a1's allocation stayed, fa would be at 1.0 and lose a3
        assertThat(f.cycle()).containsExactly(Allocation.of(fa, "*", a3, r("cpus:4;mem:4096")));
    }

    @Test
    void removingAFrameworkReleasesItsResourcesToOthers() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        assertThat(recipients(f.cycle())).containsExactly(a);

        f.allocator.removeFramework(a);

        assertThat(f.allocator.frameworkShare(a, "*")).isEmpty();
        assertThat(f.cycle()).containsExactly(Allocation.of(b, "*", agent, r("cpus:4;mem:4096")));
    }

    @Test
    void inactiveFrameworkIsOfferedNothingAndKeepsItsShare() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId a1 = f.agent("a1", "cpus:4;mem:4096");
        f.allocator.deactivateFramework(a);

        assertThat(f.cycle()).containsExactly(Allocation.of(b, "*", a1, r("cpus:4;mem:4096")));

        f.allocator.activateFramework(a);
        AgentId a2 = f.agent("a2", "cpus:4;mem:4096");
        assertThat(f.cycle()).containsExactly(Allocation.of(a, "*", a2, r("cpus:4;mem:4096")));
    }

    @Test
    void frameworkAddedInactiveWaitsForActivation() {
        FrameworkId fw = FrameworkId.of("fw");
        f.allocator.addFramework(fw, AllocatorFixture.spec(), List.of(), false, Set.of());
        AgentId agent = f.agent("a1", "cpus:1;mem:128");

        assertThat(f.cycle()).isEmpty();
        f.allocator.activateFramework(fw);
        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:1;mem:128")));
    }

    @Test
    void inactiveAgentOffersNothingUntilActivated() {
        FrameworkId fw = f.framework("fw");
        AgentId a1 = f.agent("a1", "cpus:4;mem:4096");
        AgentId a2 = f.agent("a2", "cpus:2;mem:2048");
        f.allocator.deactivateAgent(a1);

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", a2, r("cpus:2;mem:2048")));
        assertThat(f.cycle()).isEmpty();

        f.allocator.activateAgent(a1);
        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", a1, r("cpus:4;mem:4096")));
    }

    @Test
    void updatedFrameworkIsOfferedInItsNewRolesAndKeepsWhatItHoldsInOldOnes() {
        FrameworkId fw = f.framework("fw", "old");
        AgentId a1 = f.agent("a1", "cpus:2;mem:2048");
        assertThat(offered(f.cycle(), fw, "old", a1)).isEqualTo(r("cpus:2;mem:2048"));

        f.allocator.updateFramework(fw, AllocatorFixture.spec("new"), Set.of());
        AgentId a2 = f.agent("a2", "cpus:2;mem:2048");

        assertThat(f.share(fw, "old")).as("a1 still counts").isCloseTo(0.5, within(1e-12));
        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "new", a2, r("cpus:2;mem:2048")));
        f.recover(fw, a1, "old", r("cpus:2;mem:2048"));
        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "new", a1, r("cpus:2;mem:2048")));
    }

    @Test
    void recoveringMoreThanHeldFreesOnlyWhatWasHeld() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId agent = f.agent("a1", "cpus:4;mem:4096");
        f.cycle();
        f.recover(a, agent, "*", r("cpus:1;mem:1024"));
        f.recover(b, agent, "*", r("cpus:3;mem:3072"));

        // b held nothing: only a's cpus:1;mem:1024 are free, and b (share 0) gets them
        assertThat(f.cycle()).containsExactly(Allocation.of(b, "*", agent, r("cpus:1;mem:1024")));
    }

    @Test
    void eachCycleStartsWithTheAgentAfterTheOneThePreviousCycleStartedWith() {
        FrameworkId a = f.framework("a");
        FrameworkId b = f.framework("b");
        AgentId g1 = f.agent("g1", "cpus:1;mem:128");
        AgentId g2 = f.agent("g2", "cpus:1;mem:128");

        // from g1: a (share 0, first by id) takes g1, then b (share 0 < .5) takes g2
        List<Allocation> first = f.cycle();
        assertThat(offered(first, a, "*", g1)).isEqualTo(r("cpus:1;mem:128"));
        assertThat(offered(first, b, "*", g2)).isEqualTo(r("cpus:1;mem:128"));
        f.recover(a, g1, "*", r("cpus:1;mem:128"));
        f.recover(b, g2, "*", r("cpus:1;mem:128"));

        // from g2: now a takes g2 and b g1
        List<Allocation> second = f.cycle();
        assertThat(offered(second, a, "*", g2)).isEqualTo(r("cpus:1;mem:128"));
        assertThat(offered(second, b, "*", g1)).isEqualTo(r("cpus:1;mem:128"));
    }

    @Test
    void failingSinkReleasesTheAllocationForTheNextCycle() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:1;mem:128");
        f.sink.failNext(1);

        assertThat(f.cycle()).isEmpty();
        assertThat(f.share(fw)).as("nothing was offered, so nothing is held").isZero();
        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:1;mem:128")));
    }
}
