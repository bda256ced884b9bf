package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Mesos's resource text format: {@code name(role):value} items separated by {@code ;}. */
class ResourcesParseTest {

    @Test
    void parsesEveryValueTypeAndRole() {
        Resources r = Resources.parse("cpus:4;mem:8192;ports:[31000-32000];cpus(ads):2;disks:{a,b}");

        assertThat(r.list()).containsExactly(
                new Resource("cpus", "*", Scalar.of(4)),
                new Resource("cpus", "ads", Scalar.of(2)),
                new Resource("disks", "*", ItemSet.of("a", "b")),
                new Resource("mem", "*", Scalar.of(8192)),
                new Resource("ports", "*", Ranges.of(31000, 32000)));
    }

    @Test
    void printsSortedByNameThenRole() {
        assertThat(Resources.parse("mem:8192;cpus(ads):2;ports:[31000-32000];cpus:4;disks:{b,a}"))
                .hasToString("cpus:4;cpus(ads):2;disks:{a,b};mem:8192;ports:[31000-32000]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cpus:4;mem:8192;ports:[31000-32000];cpus(ads):2;disks:{a,b}",
        "cpus:0.5",
        "cpus(eng/ads):1.25;mem(eng/ads):512",
        "ports:[1-2,5-9]",
        "",
    })
    void toStringRoundTripsThroughParse(String text) {
        Resources r = Resources.parse(text);
        assertThat(Resources.parse(r.toString())).isEqualTo(r);
    }

    @Test
    void duplicateItemsAreAddedTogether() {
        assertThat(Resources.parse("cpus:1;cpus:2.5;ports:[1-2];ports:[3-4];disks:{a};disks:{b}"))
                .isEqualTo(Resources.parse("cpus:3.5;ports:[1-4];disks:{a,b}"));
        // Same name, different roles: kept apart.
        assertThat(Resources.parse("cpus:1;cpus(ads):2").list()).hasSize(2);
    }

    @Test
    void theDefaultRoleMayBeSpelledOut() {
        assertThat(Resources.parse("cpus(*):2")).isEqualTo(Resources.parse("cpus:2"));
    }

    @Test
    void spacesAroundPartsAreIgnored() {
        assertThat(Resources.parse(" cpus ( ads ) : 2 ; mem : 1024 ;ports: [ 1-2 ] "))
                .isEqualTo(Resources.parse("cpus(ads):2;mem:1024;ports:[1-2]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ";", " ; ;"})
    void blankTextIsNoResources(String text) {
        assertThat(Resources.parse(text).isEmpty()).isTrue();
        assertThat(Resources.parse(text)).isEqualTo(Resources.empty()).hasToString("");
    }

    @Test
    void zeroAmountsAreDropped() {
        assertThat(Resources.parse("cpus:0;mem:1;disks:{};ports:[]")).isEqualTo(Resources.parse("mem:1"));
    }

    @Test
    void aNameHasOneTypeAcrossItemsAndRoles() {
        assertThatThrownBy(() -> Resources.parse("cpus:1;cpus:[1-2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpus:1;cpus:[1-2]")
                .hasMessageContaining("SCALAR").hasMessageContaining("RANGES");
        assertThatThrownBy(() -> Resources.parse("ports:[1-2];ports(ads):{a}"))
                .hasMessageContaining("'ports'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cpus:-1                | cpus:-1             | negative",
        "cpus:four              | cpus:four           | number",
        "cpus                   | cpus                | name:value",
        ":4                     | :4                  | name:value",
        "cpus:                  | cpus:               | number",
        "1cpus:1                | 1cpus:1             | resource name",
        "cpus(ads:1             | cpus(ads:1          | name(role)",
        "cpus(ads)x:1           | cpus(ads)x:1        | name(role)",
        "cpus():1               | cpus():1            | empty",
        "cpus(a//b):1           | cpus(a//b):1        | a//b",
        "cpus(-x):1             | cpus(-x):1          | -x",
        "ports:[5-3]            | ports:[5-3]         | [5-3]",
        "ports:[a-b]            | ports:[a-b]         | a-b",
        "disks:{a,,b}           | disks:{a,,b}        | empty",
        "cpus:NaN               | cpus:NaN            | NaN",
        "cpus:Infinity          | cpus:Infinity       | Infinity",
        "cpus:1e20              | cpus:1e20           | 1.0E20",
        "mem:1;cpus:x;disk:2    | cpus:x              | number",
    })
    void errorsNameTheBadItem(String text, String item, String reason) {
        assertThatThrownBy(() -> Resources.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + item + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void aSumTooLargeForTheFixedPointIsRefusedNamingTheText() {
        assertThatThrownBy(() -> Resources.parse("cpus:9e15;cpus:9e15"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpus:9e15;cpus:9e15");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> Resources.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void semicolonsInsideBracketsDoNotSplitItems() {
        assertThat(Resources.splitItems("a:[1-2];b:{x;y};c:1")).containsExactly("a:[1-2]", "b:{x;y}", "c:1");
        assertThat(Resources.splitItems("a:1;;b:2;")).containsExactly("a:1", "b:2");
        assertThat(Resources.parse("disks:{x;y}").list())
                .containsExactly(new Resource("disks", "*", ItemSet.of(List.of("x;y"))));
    }
}
