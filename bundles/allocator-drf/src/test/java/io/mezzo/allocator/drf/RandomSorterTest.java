package io.mezzo.allocator.drf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mezzo.api.Resources;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomSorterTest {
    private final RandomSorter sorter = new RandomSorter(new SplittableRandom(42));

    @Test
    void weightThreeIsFirstAboutThreeTimesAsOftenAsWeightOne() {
        int heavy = sorter.add("heavy");
        int light = sorter.add("light");
        sorter.updateWeight(heavy, 3);

        int heavyFirst = 0;
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            int[] order = sorter.sort();
            assertThat(order).containsExactlyInAnyOrder(heavy, light);
            if (order[0] == heavy) {
                heavyFirst++;
            }
        }

        // expected: heavy first with probability 3/4, i.e. 15,000 of 20,000 (sd about 61)
        assertThat(heavyFirst).isBetween(14_600, 15_400);
    }

    @Test
    void everyActiveClientIsListedOnceAndInactiveOnesNot() {
        int a = sorter.add("a");
        int b = sorter.add("b");
        int c = sorter.add("c");
        sorter.deactivate(b);

        for (int i = 0; i < 100; i++) {
            assertThat(sorter.sort()).containsExactlyInAnyOrder(a, c);
        }
        sorter.activate(b);
        assertThat(sorter.sort()).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void theSameSeedGivesTheSameOrders() {
        RandomSorter other = new RandomSorter(new SplittableRandom(42));
        for (String name : new String[] {"a", "b", "c", "d", "e"}) {
            sorter.add(name);
            other.add(name);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(sorter.sort()).containsExactly(other.sort());
        }
    }

    @Test
    void whatClientsHoldDoesNotFixTheOrderButIsReportedAsShares() {
        sorter.addTotal(Resources.parse("cpus:10;mem:100"));
        int rich = sorter.add("rich");
        int poor = sorter.add("poor");
        sorter.allocated(rich, Resources.parse("cpus:9"));

        int richFirst = 0;
        for (int i = 0; i < 1000; i++) {
            richFirst += sorter.sort()[0] == rich ? 1 : 0;
        }

        // equal weights: each first about half the time, whatever they hold
        assertThat(richFirst).isBetween(430, 570);
        assertThat(sorter.share(rich)).isCloseTo(0.9, within(1e-12));
        assertThat(sorter.share(poor)).isZero();
    }
}
