package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ItemSetTest {

    @Test
    void addsRemovesAndContains() {
        ItemSet ab = ItemSet.of("a", "b");
        ItemSet bc = ItemSet.of("b", "c");
        assertThat(ab.plus(bc)).isEqualTo(ItemSet.of("a", "b", "c"));
        assertThat(ab.minus(bc)).isEqualTo(ItemSet.of("a"));
        assertThat(ab.minus(ItemSet.of("z"))).isEqualTo(ab);     // removing an absent item is a no-op
        assertThat(ab.minus(ab)).isEqualTo(ItemSet.EMPTY);
        assertThat(ab.contains(ItemSet.of("a"))).isTrue();
        assertThat(ab.contains(ab)).isTrue();
        assertThat(ab.contains(ItemSet.EMPTY)).isTrue();
        assertThat(ab.contains(bc)).isFalse();
        assertThat(ItemSet.EMPTY.contains(ItemSet.of("a"))).isFalse();
    }

    @Test
    void operationsLeaveTheOperandsAlone() {
        ItemSet ab = ItemSet.of("a", "b");
        ab.plus(ItemSet.of("c"));
        ab.minus(ItemSet.of("a"));
        assertThat(ab.items()).containsExactly("a", "b");
    }

    @Test
    void parsesAndFormatsSorted() {
        assertThat(ItemSet.parse("{b, a ,c}").items()).containsExactly("a", "b", "c");
        assertThat(ItemSet.parse("{b,a,b}").format()).isEqualTo("{a,b}");
        assertThat(ItemSet.parse("{}")).isEqualTo(ItemSet.EMPTY);
        assertThat(ItemSet.parse(" { } ").isEmpty()).isTrue();
        assertThat(ItemSet.EMPTY.format()).isEqualTo("{}");
        assertThat(ItemSet.of("sda", "sdb")).hasToString("{sda,sdb}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{a}", "{a,b}", "{}", "{disk-1,disk-2,x.y}"})
    void formatRoundTripsThroughParse(String text) {
        assertThat(ItemSet.parse(text).format()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "{a,b", "a,b}", "[a,b]"})
    void textWithoutBracesIsRefusedNamingIt(String text) {
        assertThatThrownBy(() -> ItemSet.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{a,,b}", "{a, }", "{,a}"})
    void emptyItemsAreRefused(String text) {
        assertThatThrownBy(() -> ItemSet.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void theRecordCopiesItsItems() {
        TreeSet<String> items = new TreeSet<>(List.of("a"));
        ItemSet set = new ItemSet(items);
        items.add("b");
        assertThat(set.items()).containsExactly("a");
        assertThatThrownBy(() -> set.items().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ItemSet.of(new ArrayList<>(List.of("b", "a")))).isEqualTo(ItemSet.of("a", "b"));
        assertThat(set.typeName()).isEqualTo("SET");
    }
}
