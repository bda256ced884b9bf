package io.mezzo.allocator.drf;

import static io.mezzo.allocator.drf.AllocatorFixture.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mezzo.api.AgentId;
import io.mezzo.api.Allocation;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A missed or late event must neither throw nor wedge allocation. */
class UnknownIdsTest {
    private final AllocatorFixture f = new AllocatorFixture();

    @Test
    void eventsNamingUnknownFrameworksOrAgentsAreIgnored() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:2;mem:2048");
        FrameworkId ghost = FrameworkId.of("ghost");
        AgentId nowhere = AgentId.of("nowhere");

        assertThatCode(() -> {
            f.allocator.removeFramework(ghost);
            f.allocator.activateFramework(ghost);
            f.allocator.deactivateFramework(ghost);
            f.allocator.updateFramework(ghost, AllocatorFixture.spec("x"), Set.of());
            f.allocator.suppressOffers(ghost, Set.of());
            f.allocator.reviveOffers(ghost, Set.of("x"));
            f.allocator.removeAgent(nowhere);
            f.allocator.activateAgent(nowhere);
            f.allocator.deactivateAgent(nowhere);
            f.allocator.recoverResources(ghost, agent, "*", r("cpus:1"), Optional.of(Duration.ofHours(1)));
            f.allocator.recoverResources(fw, nowhere, "*", r("cpus:1"), Optional.of(Duration.ofHours(1)));
            f.allocator.recoverResources(fw, agent, "other", r("cpus:1"), Optional.empty());
            f.allocator.addFramework(FrameworkId.of("late"), AllocatorFixture.spec(),
                    List.of(new Usage(FrameworkId.of("late"), nowhere, "*", r("cpus:1"))), true, Set.of());
        }).doesNotThrowAnyException();

        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:2;mem:2048")));
    }

    @Test
    void recoveringResourcesOfADifferentTypeLeavesTheAgentIntact() {
        FrameworkId fw = f.framework("fw");
        AgentId agent = f.agent("a1", "cpus:2;mem:2048");
        f.cycle();

        assertThatCode(() -> f.recover(fw, agent, "*", r("cpus:[1-2]")))
                .doesNotThrowAnyException();

        f.recover(fw, agent, "*", r("cpus:2;mem:2048"));
        assertThat(f.cycle()).containsExactly(Allocation.of(fw, "*", agent, r("cpus:2;mem:2048")));
    }

    @Test
    void allocateBeforeInitializeOffersNothingAndDoesNotThrow() {
        DrfAllocator uninitialized = new DrfAllocator();
        uninitialized.addFramework(FrameworkId.of("fw"), AllocatorFixture.spec(), List.of(), true, Set.of());

        assertThatCode(uninitialized::allocate).doesNotThrowAnyException();
    }
}
