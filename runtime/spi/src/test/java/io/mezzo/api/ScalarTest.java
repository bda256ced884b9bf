package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScalarTest {

    @Test
    void sumsAreExactToThreeDecimals() {
        // As doubles, 0.1 + 0.2 is 0.30000000000000004; as thousandths it is 100 + 200 = 300.
        assertThat(Scalar.of(0.1).plus(Scalar.of(0.2))).isEqualTo(Scalar.of(0.3));
        assertThat(Scalar.of(0.3).minus(Scalar.of(0.1))).isEqualTo(Scalar.of(0.2));
    }

    @Test
    void manySmallAdditionsDoNotDrift() {
        Scalar sum = Scalar.ZERO;
        for (int i = 0; i < 1000; i++) {
            sum = sum.plus(Scalar.of(0.001));
        }
        assertThat(sum).isEqualTo(Scalar.of(1));
        assertThat(sum.value()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @CsvSource({
        "0.0004, 0",   // below half a thousandth: gone
        "0.0005, 1",   // exactly half rounds up, as Math.round does
        "0.0014, 1",
        "1.2346, 1235",
        "2, 2000",
        "-0.0004, 0",
    })
    void roundsToThousandths(double value, long millis) {
        assertThat(Scalar.of(value).millis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({
        "4000, 4",
        "500, 0.5",
        "1250, 1.25",
        "1, 0.001",
        "0, 0",
        "10000, 10",          // no exponent notation for round tens (BigDecimal would say 1E+1)
        "8192000, 8192",
        "31000500, 31000.5",
    })
    void formatsWithoutTrailingZeros(long millis, String text) {
        assertThat(new Scalar(millis).format()).isEqualTo(text);
        assertThat(new Scalar(millis)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "0.5", "1.25", "0.001", "8192", "1e3", ".5", "+2"})
    void parsesDecimalText(String text) {
        assertThat(Scalar.parse(text).value()).isEqualTo(Double.parseDouble(text));
    }

    @Test
    void nanAndInfinityAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> Scalar.of(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Scalar.of(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> Scalar.of(Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-Infinity");
    }

    @Test
    void nanAndInfinityTextIsReadAsANumberSoItIsRefused() {
        // Read as text, "NaN" would become a TEXT attribute instead of an error.
        assertThat(Scalar.looksNumeric("NaN")).isTrue();
        assertThat(Scalar.looksNumeric("-Infinity")).isTrue();
        assertThatThrownBy(() -> Value.parse("NaN")).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Value.parse("Infinity")).hasMessageContaining("Infinity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "4f", "4d", "0x10", "1,5", "1.2.3", "", "-", "e3"})
    void nonDecimalTextDoesNotLookNumeric(String text) {
        // Double.parseDouble accepts "4f", "4d" and hex; Mesos's text format does not.
        assertThat(Scalar.looksNumeric(text)).isFalse();
    }

    @Test
    void valuesBeyondTheFixedPointRangeAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> Scalar.of(1e20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.0E20");
        assertThatThrownBy(() -> Scalar.of(-1e20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0E20");
        assertThat(Scalar.of(9e15).millis()).isEqualTo(9_000_000_000_000_000_000L);
    }

    @Test
    void anOverflowingSumIsRefusedNamingTheOperands() {
        Scalar big = Scalar.of(9e15);
        assertThatThrownBy(() -> big.plus(big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9000000000000000");
    }

    @Test
    void zeroIsEmptyAndOrderFollowsMagnitude() {
        assertThat(Scalar.ZERO.isEmpty()).isTrue();
        assertThat(Scalar.of(0.0004).isZero()).isTrue();
        assertThat(Scalar.of(0.001).isEmpty()).isFalse();
        assertThat(Scalar.of(1.5)).isGreaterThan(Scalar.of(1.499)).isLessThan(Scalar.of(2));
        assertThat(Scalar.of(1).typeName()).isEqualTo("SCALAR");
    }
}
