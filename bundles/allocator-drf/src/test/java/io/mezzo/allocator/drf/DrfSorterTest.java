package io.mezzo.allocator.drf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mezzo.api.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** In the style of Mesos's sorter_tests.cpp: literal resources in, expected order out. */
class DrfSorterTest {
    private DrfSorter sorter = new DrfSorter();
    private final Map<String, Integer> handles = new HashMap<>();

    private static Resources r(String text) {
        return Resources.parse(text);
    }

    private void add(String... names) {
        for (String name : names) {
            handles.put(name, sorter.add(name));
        }
    }

    private void allocated(String client, String resources) {
        sorter.allocated(handles.get(client), r(resources));
    }

    private void unallocated(String client, String resources) {
        sorter.unallocated(handles.get(client), r(resources));
    }

    private List<String> order() {
        List<String> out = new ArrayList<>();
        for (int h : sorter.sort()) {
            out.add(sorter.name(h));
        }
        return out;
    }

    private double share(String client) {
        return sorter.share(handles.get(client));
    }

    @Test
    void ordersClientsByAscendingDominantShare() {
        sorter.addTotal(r("cpus:100;mem:1000"));
        add("a", "b", "c");
        allocated("a", "cpus:10;mem:50");
        allocated("b", "cpus:2;mem:300");
        allocated("c", "cpus:5;mem:10");

        // shares: a = .10 (cpus), b = .30 (mem), c = .05 (cpus)
        assertThat(order()).containsExactly("c", "a", "b");

        unallocated("b", "cpus:2;mem:250");
        allocated("c", "cpus:10");

        // shares: a = .10, b = .05 (mem), c = .15 (cpus)
        assertThat(order()).containsExactly("b", "a", "c");

        sorter.remove(handles.remove("a"));
        add("d");

        // shares: b = .05, c = .15, d = 0
        assertThat(order()).containsExactly("d", "b", "c");
    }

    @Test
    void equalSharesAreOrderedByName() {
        sorter.addTotal(r("cpus:10;mem:100"));
        add("zeta", "alpha", "mid");
        allocated("zeta", "cpus:2");
        allocated("alpha", "mem:20");
        allocated("mid", "cpus:1;mem:20");

        // shares: zeta = .2 (cpus), alpha = .2 (mem), mid = .2 (mem)
        assertThat(order()).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void changingThePoolChangesTheOrder() {
        sorter.addTotal(r("cpus:10;mem:100"));
        add("a", "b");
        allocated("a", "cpus:2;mem:10");
        allocated("b", "cpus:1;mem:15");

        // shares: a = .2 (cpus), b = .15 (mem)
        assertThat(order()).containsExactly("b", "a");

        sorter.addTotal(r("cpus:30"));

        // pool cpus:40;mem:100 -> shares: a = .1 (mem), b = .15 (mem)
        assertThat(order()).containsExactly("a", "b");

        sorter.removeTotal(r("mem:50"));

        // pool cpus:40;mem:50 -> shares: a = .2 (mem), b = .3 (mem)
        assertThat(order()).containsExactly("a", "b");
        assertThat(share("b")).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void allocationsWhileThePoolIsStaleAreOrderedByTheNewPool() {
        sorter.addTotal(r("cpus:10"));
        add("a", "b");
        allocated("a", "cpus:4");
        allocated("b", "cpus:5");
        sorter.sort();

        sorter.addTotal(r("cpus:10"));
        allocated("a", "cpus:2");

        // pool cpus:20 -> shares: a = .3, b = .25
        assertThat(order()).containsExactly("b", "a");
        assertThat(share("a")).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void reservedResourcesCountUnderTheirNameAndNonScalarsDoNot() {
        sorter.addTotal(r("cpus:8;cpus(ads):2;mem:1000;ports:[31000-32000]"));
        add("a", "b");
        allocated("a", "cpus(ads):2;mem:100");
        allocated("b", "cpus:1;mem:100;ports:[31000-32000]");

        // shares: a = .2 (cpus, 2 of 10), b = .1 (cpus or mem); ports are ignored
        assertThat(order()).containsExactly("b", "a");
        assertThat(share("a")).isCloseTo(0.2, within(1e-12));
        assertThat(share("b")).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void resourcesAbsentFromThePoolDoNotCount() {
        sorter.addTotal(r("cpus:10;mem:100"));
        add("a", "b");
        allocated("a", "cpus:1;gpus:4");
        allocated("b", "cpus:2");

        // shares: a = .1 (gpus not in the pool), b = .2
        assertThat(order()).containsExactly("a", "b");
    }

    @Test
    void fairnessExcludedResourcesDoNotCount() {
        sorter = new DrfSorter(Set.of("gpus"));
        sorter.addTotal(r("cpus:10;mem:100;gpus:4"));
        add("a", "b");
        allocated("a", "cpus:1;gpus:4");
        allocated("b", "cpus:2");

        // shares: a = .1 (gpus 4 of 4 excluded), b = .2; without the exclusion a would be 1.0
        assertThat(order()).containsExactly("a", "b");
        assertThat(share("a")).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void weightDividesTheShare() {
        sorter.addTotal(r("cpus:100;mem:100"));
        add("a", "b", "c");
        sorter.updateWeight(handles.get("b"), 2);
        sorter.updateWeight(handles.get("c"), 0.5);
        allocated("a", "cpus:5;mem:5");
        allocated("b", "cpus:8;mem:8");
        allocated("c", "cpus:2;mem:1");

        // weighted shares: a = .05, b = .08 / 2 = .04, c = .02 / .5 = .04
        assertThat(order()).containsExactly("b", "c", "a");
        assertThatThrownBy(() -> sorter.updateWeight(handles.get("a"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
        // the rejected weight left a listed
        assertThat(order()).containsExactly("b", "c", "a");
    }

    @Test
    void inactiveClientsAreLeftOutButKeepTheirAllocation() {
        sorter.addTotal(r("cpus:10;mem:10"));
        add("a", "b", "c");
        allocated("a", "cpus:3");
        allocated("b", "cpus:1");
        allocated("c", "cpus:2");

        sorter.deactivate(handles.get("b"));
        allocated("b", "cpus:4");

        // shares: a = .3, b = .5 (inactive), c = .2
        assertThat(order()).containsExactly("c", "a");
        assertThat(share("b")).isCloseTo(0.5, within(1e-12));

        sorter.activate(handles.get("b"));
        assertThat(order()).containsExactly("c", "a", "b");
    }

    @Test
    void unallocatingMoreThanHeldLeavesNothingRatherThanANegativeShare() {
        sorter.addTotal(r("cpus:10;mem:10"));
        add("a", "b");
        allocated("a", "cpus:1");
        allocated("b", "mem:1");

        unallocated("a", "cpus:5");

        // shares: a = 0, b = .1; a negative share would also sort first, so check it too
        assertThat(order()).containsExactly("a", "b");
        assertThat(share("a")).isZero();
        allocated("a", "cpus:2");
        // shares: a = .2, b = .1
        assertThat(order()).containsExactly("b", "a");
    }

    @Test
    void handlesOfRemovedClientsAreReusedWithoutTheirAllocation() {
        sorter.addTotal(r("cpus:10"));
        add("a", "b");
        allocated("a", "cpus:5");
        int old = handles.get("a");
        sorter.remove(handles.remove("a"));
        add("c");

        // shares: b = 0, c = 0 (the reused handle starts empty)
        assertThat(handles.get("c")).isEqualTo(old);
        assertThat(share("c")).isZero();
        assertThat(order()).containsExactly("b", "c");
    }

    @Test
    void unknownClientIsRejected() {
        assertThatThrownBy(() -> sorter.allocated(7, r("cpus:1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7");
        add("a");
        assertThatThrownBy(() -> sorter.add("a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
    }
}
