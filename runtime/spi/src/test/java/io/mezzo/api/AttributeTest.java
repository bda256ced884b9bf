package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Mesos's {@code --attributes} format: {@code name:value;...}, the value typed by its shape. */
class AttributeTest {

    @Test
    void typesEachValueByItsShape() {
        List<Attribute> attributes = Attribute.parseAll("rack:r1;u:1;zone:[1-3];tags:{a,b}");

        assertThat(attributes).containsExactly(
                new Attribute("rack", new Text("r1")),
                new Attribute("u", Scalar.of(1)),
                new Attribute("zone", Ranges.of(1, 3)),
                new Attribute("tags", ItemSet.of("a", "b")));
        assertThat(attributes).extracting(a -> a.value().typeName())
                .containsExactly("TEXT", "SCALAR", "RANGES", "SET");
    }

    @Test
    void keepsItemOrderAndPrintsMesosTextForm() {
        List<Attribute> attributes = Attribute.parseAll("zone:[1-3];rack:r1;u:1.5;tags:{b,a}");
        assertThat(attributes).extracting(Attribute::toString)
                .containsExactly("zone:[1-3]", "rack:r1", "u:1.5", "tags:{a,b}");
    }

    @Test
    void textMayHoldColonsAndNumbersThatAreNotDecimals() {
        // Only the first ':' separates the name; "2a" and "0x10" are not decimal numbers.
        assertThat(Attribute.parseAll("url:http://x:80;os:ubuntu-22.04;id:2a;hex:0x10"))
                .extracting(a -> a.value().typeName())
                .containsExactly("TEXT", "TEXT", "TEXT", "TEXT");
        assertThat(Attribute.parseAll("url:http://x:80").get(0).value()).isEqualTo(new Text("http://x:80"));
    }

    @Test
    void negativeScalarsAreFineForAttributes() {
        // Unlike resources, attributes are never consumed, so a negative number is just a label.
        assertThat(Attribute.parseAll("offset:-2").get(0).value()).isEqualTo(Scalar.of(-2));
    }

    @Test
    void spacesAroundNamesAndValuesAreIgnored() {
        assertThat(Attribute.parseAll(" rack : r1 ; u : 2 ")).containsExactly(
                new Attribute("rack", new Text("r1")), new Attribute("u", Scalar.of(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ";"})
    void blankTextIsNoAttributes(String text) {
        assertThat(Attribute.parseAll(text)).isEmpty();
    }

    @Test
    void nullIsNoAttributes() {
        assertThat(Attribute.parseAll(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rack                | rack",
        ":r1                 | :r1",
        "rack:r1;u           | u",
        "zone:[3-1]          | zone:[3-1]",
        "zone:[a-b]          | zone:[a-b]",
        "zone:[1-2           | zone:[1-2",
        "tags:{a,,b}         | tags:{a,,b}",
        "u:NaN               | u:NaN",
        "u:1e30              | u:1e30",
        "rack:               | rack:",
        "rack:  ;u:1         | rack:",
    })
    void invalidItemsAreRefusedNamingThem(String text, String item) {
        assertThatThrownBy(() -> Attribute.parseAll(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid attribute '" + item + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a;b", "a:b"})
    void invalidNamesAreRefused(String name) {
        assertThatThrownBy(() -> new Attribute(name, new Text("x"))).hasMessageContaining("'" + name + "'");
    }

    @Test
    void aValueIsRequired() {
        assertThatThrownBy(() -> new Attribute("rack", null)).hasMessageContaining("'rack'");
    }
}
