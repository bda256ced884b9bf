package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTest {

    @ParameterizedTest
    @ValueSource(strings = {"cpus", "mem", "disk", "ports", "gpus", "_x", "nvidia.com-gpu_2", "a"})
    void acceptsNames(String name) {
        assertThat(Resource.scalar(name, 1).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1cpus", "-cpus", ".cpus", "cp us", "cpus(ads)", "cpus:1", "cpus;", "mem/x", "ü"})
    void refusesNames(String name) {
        assertThatThrownBy(() -> Resource.scalar(name, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid resource name '" + name + "'");
    }

    @Test
    void namesAreAtMost128Characters() {
        assertThat(Resource.scalar("n".repeat(128), 1).name()).hasSize(128);
        assertThatThrownBy(() -> Resource.scalar("n".repeat(129), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resource(null, "*", Scalar.of(1))).hasMessageContaining("'null'");
    }

    @Test
    void rolesFollowTheRoleRules() {
        assertThat(new Resource("cpus", "eng/ads", Scalar.of(1)).role()).isEqualTo("eng/ads");
        assertThatThrownBy(() -> new Resource("cpus", "a//b", Scalar.of(1))).hasMessageContaining("a//b");
        assertThatThrownBy(() -> new Resource("cpus", "", Scalar.of(1))).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Resource("cpus", null, Scalar.of(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeScalarsAreRefused() {
        assertThatThrownBy(() -> Resource.scalar("cpus", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cpus'").hasMessageContaining("negative").hasMessageContaining("-1");
        // Rounds to zero: not negative.
        assertThat(Resource.scalar("cpus", -0.0004).isEmpty()).isTrue();
    }

    @Test
    void textAndMissingValuesAreRefused() {
        assertThatThrownBy(() -> new Resource("cpus", "*", new Text("four")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cpus'");
        assertThatThrownBy(() -> new Resource("cpus", "*", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsMesosTextFormWithTheRoleOnlyWhenReserved() {
        assertThat(Resource.scalar("cpus", 4)).hasToString("cpus:4");
        assertThat(new Resource("cpus", "ads", Scalar.of(0.5))).hasToString("cpus(ads):0.5");
        assertThat(Resource.ranges("ports", 31000, 32000)).hasToString("ports:[31000-32000]");
        assertThat(new Resource("disks", "*", ItemSet.of("b", "a"))).hasToString("disks:{a,b}");
    }

    @Test
    void ordersByNameThenRoleWithUnreservedFirst() {
        Resource cpus = Resource.scalar("cpus", 100);
        Resource cpusAds = new Resource("cpus", "ads", Scalar.of(1));
        Resource mem = Resource.scalar("mem", 1);
        assertThat(cpus).isLessThan(cpusAds);
        assertThat(cpusAds).isLessThan(mem);
        assertThat(cpus.isUnreserved()).isTrue();
        assertThat(cpusAds.isUnreserved()).isFalse();
    }
}
