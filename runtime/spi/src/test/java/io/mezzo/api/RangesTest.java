package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangesTest {

    private static Ranges r(String text) {
        return Ranges.parse(text);
    }

    @ParameterizedTest(name = "{0} normalizes to {1}")
    @CsvSource(delimiter = '|', value = {
        "[5-6,1-2]         | [1-2,5-6]",     // sorted
        "[1-5,3-8]         | [1-8]",         // overlapping
        "[1-2,3-4]         | [1-4]",         // adjacent: no integer between them
        "[1-2,4-5]         | [1-2,4-5]",     // 3 is missing: not merged
        "[1-10,2-3]        | [1-10]",        // contained
        "[7-7,6-6,8-8]     | [6-8]",         // singletons chain together
        "[1-3,1-3]         | [1-3]",         // duplicate
        "[10-20,1-2,3-9]   | [1-20]",        // a later range bridges two earlier ones
        "[]                | []",
    })
    void normalizes(String input, String normalized) {
        assertThat(r(input).format()).isEqualTo(normalized);
        assertThat(r(input)).isEqualTo(r(normalized));
    }

    @Test
    void equalSetsAreEqualRecordsWhateverTheirSpelling() {
        Ranges a = new Ranges(List.of(new Range(3, 4), new Range(1, 2)));
        assertThat(a).isEqualTo(Ranges.of(1, 4)).hasSameHashCodeAs(Ranges.of(1, 4));
    }

    @ParameterizedTest(name = "{0} - {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "[1-10]        | [4-6]          | [1-3,7-10]",    // splits in two
        "[1-10]        | [1-1]          | [2-10]",        // first element
        "[1-10]        | [10-10]        | [1-9]",         // last element
        "[1-10]        | [1-10]         | []",            // all of it
        "[1-10]        | [0-20]         | []",            // more than all of it
        "[5-10]        | [1-6]          | [7-10]",        // overlaps the start
        "[5-10]        | [8-15]         | [5-7]",         // overlaps the end
        "[5-10]        | [1-4]          | [5-10]",        // absent, just below (adjacent)
        "[5-10]        | [11-20]        | [5-10]",        // absent, just above (adjacent)
        "[1-3,7-9]     | [4-6]          | [1-3,7-9]",     // falls in the gap
        "[1-3,7-9]     | [2-8]          | [1-1,9-9]",     // one cut spans two ranges
        "[1-20]        | [2-3,5-6,9-9]  | [1-1,4-4,7-8,10-20]",  // several cuts in one range
        "[1-5,10-15]   | [5-10]         | [1-4,11-15]",
        "[]            | [1-5]          | []",
        "[1-5]         | []             | [1-5]",
        "[31000-32000] | [31000-31000,32000-32000] | [31001-31999]",
    })
    void subtracts(String left, String right, String difference) {
        assertThat(r(left).minus(r(right))).isEqualTo(r(difference));
    }

    @Test
    void subtractsARangeThatEndsAtTheLargestLong() {
        // The cut ends at Long.MAX_VALUE: "cut end + 1" must not wrap around to keep everything.
        Ranges all = Ranges.of(0, Long.MAX_VALUE);
        assertThat(all.minus(Ranges.of(5, Long.MAX_VALUE))).isEqualTo(Ranges.of(0, 4));
        assertThat(all.minus(all)).isEqualTo(Ranges.EMPTY);
        assertThat(Ranges.of(Long.MAX_VALUE - 1, Long.MAX_VALUE).minus(Ranges.of(Long.MAX_VALUE, Long.MAX_VALUE)))
                .isEqualTo(Ranges.of(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1));
    }

    @Test
    void addsByUnion() {
        assertThat(r("[1-2,8-9]").plus(r("[3-4,6-7]"))).isEqualTo(r("[1-4,6-9]"));
        assertThat(r("[1-2]").plus(Ranges.EMPTY)).isEqualTo(r("[1-2]"));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "[1-10]      | [3-5]        | true",
        "[1-10]      | [1-10]       | true",
        "[1-10]      | [0-3]        | false",   // sticks out at the start
        "[1-10]      | [8-11]       | false",   // sticks out at the end
        "[1-3,5-9]   | [2-6]        | false",   // 4 is missing
        "[1-3,5-9]   | [1-1,6-9]    | true",
        "[1-3,5-9]   | [4-4]        | false",
        "[1-3]       | []           | true",
        "[]          | []           | true",
        "[]          | [1-1]        | false",
        "[1-2,3-4]   | [2-3]        | true",    // adjacent ranges cover the join
    })
    void contains(String have, String want, boolean expected) {
        assertThat(r(have).contains(r(want))).isEqualTo(expected);
    }

    @Test
    void countsIntegers() {
        assertThat(r("[31000-32000]").count()).isEqualTo(1001);
        assertThat(r("[1-1,5-6]").count()).isEqualTo(3);
        assertThat(Ranges.EMPTY.count()).isZero();
        assertThat(new Range(7, 7).size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1-2]", "[1-2,5-9]", "[]", "[0-0]", "[31000-32000]"})
    void formatRoundTripsThroughParse(String text) {
        assertThat(r(text).format()).isEqualTo(text);
        assertThat(r(r(text).format())).isEqualTo(r(text));
    }

    @Test
    void parseToleratesSpaces() {
        assertThat(r(" [ 1 - 2 , 5-6 ] ")).isEqualTo(r("[1-2,5-6]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[5-3]      | 5-3",        // end before begin
        "[-1-3]     | -1-3",       // negative
        "[a-b]      | a-b",
        "[1-2,x]    | x",
        "[1]        | 1",          // not a pair
        "[1-2-3]    | 1-2-3",
        "1-2        | 1-2",        // no brackets
        "[1-2       | [1-2",
        "[99999999999999999999-1] | 99999999999999999999",   // does not fit a long
    })
    void invalidRangesAreRefusedNamingThePart(String text, String named) {
        assertThatThrownBy(() -> r(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @Test
    void invalidRangeRecordsAreRefused() {
        assertThatThrownBy(() -> new Range(5, 3)).hasMessageContaining("[5-3]");
        assertThatThrownBy(() -> new Range(-1, 3)).hasMessageContaining("[-1-3]");
        assertThatThrownBy(() -> new Ranges(java.util.Arrays.asList(new Range(1, 2), null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isEmptyOnlyWithoutRanges() {
        assertThat(Ranges.EMPTY.isEmpty()).isTrue();
        assertThat(r("[0-0]").isEmpty()).isFalse();
        assertThat(r("[1-2]").typeName()).isEqualTo("RANGES");
    }
}
