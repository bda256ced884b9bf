package io.mezzo.allocator.drf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mezzo.api.Resources;
import org.junit.jupiter.api.Test;

class DrfSorterTest {
    private final DrfSorter sorter = new DrfSorter();

    private static Resources r(String text) {
        return Resources.parse(text);
    }

    @Test
    void ordersClientsByAscendingDominantShare() {
        sorter.addTotal(r("cpus:100;mem:1000"));
        sorter.add("a");
        sorter.allocated("a", r("cpus:10;mem:50"));
        sorter.add("b");
        sorter.allocated("b", r("cpus:2;mem:300"));
        sorter.add("c");
        sorter.allocated("c", r("cpus:5;mem:10"));

        // shares: a = .10 (cpus), b = .30 (mem), c = .05 (cpus)
        assertThat(sorter.sort()).containsExactly("c", "a", "b");

        sorter.unallocated("b", r("cpus:2;mem:250"));
        sorter.allocated("c", r("cpus:10"));

        // shares: a = .10, b = .05 (mem), c = .15 (cpus)
        assertThat(sorter.sort()).containsExactly("b", "a", "c");

        sorter.remove("a");
        sorter.add("d");

        // shares: b = .05, c = .15, d = 0
        assertThat(sorter.sort()).containsExactly("d", "b", "c");
    }

    @Test
    void equalSharesAreOrderedByName() {
        sorter.addTotal(r("cpus:10;mem:100"));
        sorter.add("zeta");
        sorter.add("alpha");
        sorter.add("mid");
        sorter.allocated("zeta", r("cpus:2"));
        sorter.allocated("alpha", r("mem:20"));
        sorter.allocated("mid", r("cpus:1;mem:20"));

        // shares: zeta = .2 (cpus), alpha = .2 (mem), mid = .2 (mem)
        assertThat(sorter.sort()).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void changingThePoolChangesTheOrder() {
        sorter.addTotal(r("cpus:10;mem:100"));
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", r("cpus:2;mem:10"));
        sorter.allocated("b", r("cpus:1;mem:15"));

        // shares: a = .2 (cpus), b = .15 (mem)
        assertThat(sorter.sort()).containsExactly("b", "a");

        sorter.addTotal(r("cpus:30"));

        // pool cpus:40;mem:100 -> shares: a = .1 (mem), b = .15 (mem)
        assertThat(sorter.sort()).containsExactly("a", "b");

        sorter.removeTotal(r("mem:50"));

        // pool cpus:40;mem:50 -> shares: a = .2 (mem), b = .3 (mem)
        assertThat(sorter.sort()).containsExactly("a", "b");
        assertThat(sorter.share("b")).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void allocationAfterAPoolChangeUsesTheNewPool() {
        sorter.addTotal(r("cpus:10"));
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", r("cpus:4"));
        sorter.allocated("b", r("cpus:5"));
        sorter.sort();

        sorter.addTotal(r("cpus:10"));
        sorter.allocated("a", r("cpus:2"));

        // pool cpus:20 -> shares: a = .3, b = .25
        assertThat(sorter.sort()).containsExactly("b", "a");
        assertThat(sorter.share("a")).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void reservedResourcesCountUnderTheirNameAndNonScalarsDoNot() {
        sorter.addTotal(r("cpus:8;cpus(ads):2;mem:1000;ports:[31000-32000]"));
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", r("cpus(ads):2;mem:100"));
        sorter.allocated("b", r("cpus:1;mem:100;ports:[31000-32000]"));

        // shares: a = .2 (cpus, 2 of 10), b = .1 (cpus or mem); ports are ignored
        assertThat(sorter.sort()).containsExactly("b", "a");
        assertThat(sorter.share("a")).isCloseTo(0.2, within(1e-12));
        assertThat(sorter.share("b")).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void resourcesAbsentFromThePoolDoNotCount() {
        sorter.addTotal(r("cpus:10;mem:100"));
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", r("cpus:1;gpus:4"));
        sorter.allocated("b", r("cpus:2"));

        // shares: a = .1 (gpus not in the pool), b = .2
        assertThat(sorter.sort()).containsExactly("a", "b");
    }

    @Test
    void weightDividesTheShare() {
        sorter.addTotal(r("cpus:100;mem:100"));
        sorter.add("a");
        sorter.add("b");
        sorter.add("c");
        sorter.updateWeight("b", 2);
        sorter.updateWeight("c", 0.5);
        sorter.allocated("a", r("cpus:5;mem:5"));
        sorter.allocated("b", r("cpus:8;mem:8"));
        sorter.allocated("c", r("cpus:2;mem:1"));

        // weighted shares: a = .05, b = .08 / 2 = .04, c = .02 / .5 = .04
        assertThat(sorter.sort()).containsExactly("b", "c", "a");
        assertThatThrownBy(() -> sorter.updateWeight("a", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void inactiveClientsAreLeftOutButKeepTheirAllocation() {
        sorter.addTotal(r("cpus:10;mem:10"));
        sorter.add("a");
        sorter.add("b");
        sorter.add("c");
        sorter.allocated("a", r("cpus:3"));
        sorter.allocated("b", r("cpus:1"));
        sorter.allocated("c", r("cpus:2"));

        sorter.deactivate("b");
        sorter.allocated("b", r("cpus:4"));

        // shares: a = .3, b = .5 (inactive), c = .2
        assertThat(sorter.sort()).containsExactly("c", "a");
        assertThat(sorter.share("b")).isCloseTo(0.5, within(1e-12));

        sorter.activate("b");
        assertThat(sorter.sort()).containsExactly("c", "a", "b");
    }

    @Test
    void unallocatingMoreThanHeldLeavesNothingRatherThanANegativeShare() {
        sorter.addTotal(r("cpus:10;mem:10"));
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", r("cpus:1"));
        sorter.allocated("b", r("mem:1"));

        sorter.unallocated("a", r("cpus:5"));

        // shares: a = 0, b = .1; a negative share would also sort first, so check it too
        assertThat(sorter.sort()).containsExactly("a", "b");
        assertThat(sorter.share("a")).isZero();
        sorter.allocated("a", r("cpus:2"));
        // shares: a = .2, b = .1
        assertThat(sorter.sort()).containsExactly("b", "a");
    }

    @Test
    void sortReflectsAnAllocationMadeAfterThePreviousSort() {
        sorter.addTotal(r("cpus:4;mem:4096"));
        sorter.add("a");
        sorter.add("b");

        // shares: a = 0, b = 0
        assertThat(sorter.sort()).containsExactly("a", "b");

        sorter.allocated("a", r("cpus:1;mem:1024"));

        // shares: a = .25, b = 0
        assertThat(sorter.sort()).containsExactly("b", "a");
    }

    @Test
    void unknownClientIsRejectedByName() {
        assertThatThrownBy(() -> sorter.allocated("ghost", r("cpus:1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ghost'");
    }
}
