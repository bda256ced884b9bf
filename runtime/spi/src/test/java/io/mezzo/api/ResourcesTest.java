package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resource arithmetic and queries, in the style of Mesos's {@code resources_tests.cpp}. */
class ResourcesTest {

    private static Resources r(String text) {
        return Resources.parse(text);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "cpus:1;mem:5         | cpus:2;mem:10           | cpus:3;mem:15",
        "cpus:0.1             | cpus:0.2                | cpus:0.3",
        "cpus:1               | mem:5                   | cpus:1;mem:5",
        "cpus:1               | cpus(ads):2             | cpus:1;cpus(ads):2",     // roles are kept apart
        "ports:[1-2]          | ports:[3-5,9-9]         | ports:[1-5,9-9]",
        "disks:{a}            | disks:{a,b}             | disks:{a,b}",
        "cpus:1               | ''                      | cpus:1",
        "''                   | cpus:1                  | cpus:1",
    })
    void adds(String left, String right, String sum) {
        assertThat(r(left).plus(r(right))).isEqualTo(r(sum));
        assertThat(r(right).plus(r(left))).isEqualTo(r(sum));
    }

    @Test
    void addingAConflictingTypeIsRefused() {
        assertThatThrownBy(() -> r("cpus:1").plus(r("cpus(ads):[1-2]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cpus'");
        assertThatThrownBy(() -> r("cpus:1").plus(Resource.ranges("cpus", 1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} - {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "cpus:3;mem:15                 | cpus:1;mem:5             | cpus:2;mem:10",
        "cpus:0.3                      | cpus:0.1                 | cpus:0.2",
        "cpus:1;mem:5                  | cpus:1                   | mem:5",        // emptied entries go away
        "cpus:1;mem:5                  | cpus:2                   | mem:5",        // clamps at nothing left
        "cpus:1;mem:5                  | cpus:1;mem:5             | ''",
        "cpus:1;mem:5                  | disk:10                  | cpus:1;mem:5", // absent names are ignored
        "cpus:4                        | cpus(ads):1              | cpus:4",       // another role's cpus are not these
        "cpus:4;cpus(ads):2            | cpus(ads):1              | cpus:4;cpus(ads):1",
        "ports:[1-10]                  | ports:[3-4]              | ports:[1-2,5-10]",
        "ports:[1-10]                  | ports:[1-10]             | ''",
        "ports:[1-10]                  | ports:[20-30]            | ports:[1-10]",
        "disks:{a,b}                   | disks:{a,z}              | disks:{b}",
        "''                            | cpus:1                   | ''",
        "cpus:1                        | ''                       | cpus:1",
    })
    void subtracts(String left, String right, String difference) {
        assertThat(r(left).minus(r(right))).isEqualTo(r(difference));
    }

    @Test
    void whatWasAddedCanBeTakenAwayAgain() {
        Resources total = r("cpus:4;mem:8192;ports:[31000-32000];cpus(ads):2;disks:{a,b}");
        Resources task = r("cpus:0.1;mem:32;ports:[31005-31005];disks:{b}");
        assertThat(total.contains(task)).isTrue();
        Resources left = total.minus(task);
        assertThat(left).isEqualTo(r("cpus:3.9;mem:8160;ports:[31000-31004,31006-32000];cpus(ads):2;disks:{a}"));
        assertThat(left.plus(task)).isEqualTo(total);
    }

    @Test
    void subtractingAConflictingTypeIsRefusedNamingTheResource() {
        assertThatThrownBy(() -> r("cpus:1").minus(Resources.of(Resource.ranges("cpus", 1, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cpus'").hasMessageContaining("RANGES").hasMessageContaining("SCALAR");
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "cpus:2;mem:10              | cpus:1;mem:10          | true",
        "cpus:2;mem:10              | cpus:2.001             | false",
        "cpus:2;mem:10              | disk:1                 | false",    // absent name
        "cpus:2                     | cpus(ads):1            | false",    // unreserved does not cover a reservation
        "cpus(ads):2                | cpus:1                 | false",    // nor the other way round
        "cpus:2;cpus(ads):2         | cpus:2;cpus(ads):1     | true",
        "ports:[1-10]               | ports:[2-3,9-10]       | true",
        "ports:[1-10]               | ports:[10-11]          | false",
        "disks:{a,b}                | disks:{b}              | true",
        "disks:{a,b}                | disks:{c}              | false",
        "cpus:1                     | ''                     | true",
        "''                         | ''                     | true",
        "''                         | cpus:0.001             | false",
    })
    void contains(String have, String want, boolean expected) {
        assertThat(r(have).contains(r(want))).isEqualTo(expected);
    }

    @Test
    void aValueOfAnotherTypeIsNotContained() {
        assertThat(r("cpus:5").contains(Resources.of(Resource.ranges("cpus", 1, 2)))).isFalse();
    }

    @Test
    void scalarSumsAcrossRoles() {
        Resources r = r("cpus:1.5;cpus(ads):2;cpus(eng/ads):0.25;mem:10;ports:[1-5]");
        assertThat(r.scalar("cpus")).isEqualTo(Scalar.of(3.75));
        assertThat(r.scalar("mem")).isEqualTo(Scalar.of(10));
        assertThat(r.scalar("gpus")).isEqualTo(Scalar.ZERO);   // absent
        assertThat(r.scalar("ports")).isEqualTo(Scalar.ZERO);  // not a scalar
    }

    @Test
    void scalarsListsEveryScalarNameWithItsSum() {
        Map<String, Scalar> scalars = r("mem:10;cpus:1;cpus(ads):2;ports:[1-5];disks:{a}").scalars();
        assertThat(scalars).containsExactly(Map.entry("cpus", Scalar.of(3)), Map.entry("mem", Scalar.of(10)));
        assertThat(Resources.empty().scalars()).isEmpty();
    }

    @Test
    void rangesUnitesAcrossRoles() {
        Resources r = r("ports:[1-5];ports(ads):[6-8,20-20];cpus:1");
        assertThat(r.ranges("ports")).isEqualTo(Ranges.parse("[1-8,20-20]"));
        assertThat(r.ranges("cpus")).isEqualTo(Ranges.EMPTY);
        assertThat(r.ranges("absent")).isEqualTo(Ranges.EMPTY);
    }

    @Test
    void namesAndRoles() {
        Resources r = r("mem:1;cpus(ads):1;cpus:1;ports(eng/ads):[1-1]");
        assertThat(r.names()).containsExactly("cpus", "mem", "ports");
        assertThat(r.roles()).containsExactly("*", "ads", "eng/ads");
        assertThat(r("cpus(ads):1").roles()).containsExactly("ads");
    }

    @Test
    void filtersByReservation() {
        Resources r = r("cpus:4;mem:100;cpus(ads):2;mem(eng):50;cpus(eng/ads):1");

        assertThat(r.unreserved()).isEqualTo(r("cpus:4;mem:100"));
        assertThat(r.reservedFor("ads")).isEqualTo(r("cpus(ads):2"));
        assertThat(r.reservedFor("eng")).isEqualTo(r("mem(eng):50"));   // not eng/ads's
        assertThat(r.reservedFor("*")).isEqualTo(r.unreserved());
        assertThat(r.reservedFor("web")).isEqualTo(Resources.empty());
        assertThat(r.filter(x -> x.name().equals("mem"))).isEqualTo(r("mem:100;mem(eng):50"));
    }

    @Test
    void allocatableToIsUnreservedPlusTheRolesOwnReservations() {
        Resources r = r("cpus:4;mem:100;cpus(ads):2;mem(eng):50;cpus(web):7");

        assertThat(r.allocatableTo("ads")).isEqualTo(r("cpus:4;mem:100;cpus(ads):2"));
        assertThat(r.allocatableTo("other")).isEqualTo(r("cpus:4;mem:100"));
        assertThat(r.allocatableTo("*")).isEqualTo(r("cpus:4;mem:100"));
        // A reservation for a subrole is not the parent's.
        assertThat(r("cpus:1;cpus(eng/ads):2").allocatableTo("eng")).isEqualTo(r("cpus:1"));
    }

    @Test
    void aRoleMayUseItsAncestorsReservationsButNotItsChildrensOrSiblings() {
        // Mesos's rule: cpus(eng) is allocatable to eng/ads; mem(eng/ads) is not to eng.
        Resources r = r("cpus:1;cpus(eng):2;mem(eng/ads):3;gpus(en):5;disk(eng/web):7");
        assertThat(r.allocatableTo("eng/ads")).isEqualTo(r("cpus:1;cpus(eng):2;mem(eng/ads):3"));
        assertThat(r.allocatableTo("eng")).isEqualTo(r("cpus:1;cpus(eng):2"));
        assertThat(Roles.mayUse("eng/ads/x", "eng")).isTrue();
        assertThat(Roles.mayUse("engineering", "eng")).as("a prefix is not an ancestor").isFalse();
    }

    @Test
    void flattenDropsEveryReservationAndMerges() {
        assertThat(r("cpus:1;cpus(ads):2;mem(eng):3;ports:[1-2];ports(ads):[3-4]").flatten())
                .isEqualTo(r("cpus:3;mem:3;ports:[1-4]"));
        assertThat(r("cpus:1").flatten()).isEqualTo(r("cpus:1"));
    }

    @Test
    void equalityIgnoresInputOrderAndSpelling() {
        Resources a = r("cpus:4;mem:8192;ports:[31000-32000];cpus(ads):2;disks:{a,b}");
        Resources b = r("disks:{b,a};cpus(ads):1;ports:[31500-32000];mem:8192;ports:[31000-31499];cpus:4;cpus(ads):1");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(r("cpus:4;mem:8192;ports:[31000-32000];cpus(ads):2"));
        assertThat(r("cpus:2")).isNotEqualTo(r("cpus(ads):2"));
    }

    @Test
    void ofMergesLikeParse() {
        List<Resource> items = new ArrayList<>(List.of(
                Resource.scalar("mem", 1), Resource.scalar("cpus", 0.5), Resource.scalar("cpus", 0.5)));
        Resources r = Resources.of(items);
        items.clear();
        assertThat(r).isEqualTo(r("cpus:1;mem:1"));
        assertThat(Resources.of()).isEqualTo(Resources.empty());
        assertThat(Resources.of(Resource.scalar("cpus", 0))).isEqualTo(Resources.empty());
    }

    @Test
    void isImmutable() {
        Resources r = r("cpus:1");
        r.plus(r("cpus:1"));
        r.minus(r("cpus:1"));
        assertThat(r).isEqualTo(r("cpus:1"));
        assertThatThrownBy(() -> r.list().add(Resource.scalar("mem", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void iteratesInCanonicalOrder() {
        List<String> seen = new ArrayList<>();
        r("mem:1;cpus(ads):1;cpus:1").forEach(x -> seen.add(x.toString()));
        assertThat(seen).containsExactly("cpus:1", "cpus(ads):1", "mem:1");
    }
}
