package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mesos's {@code validateID} rules: an id must be one harmless path component. */
class IdsTest {

    /** Every id type, so that none of them forgets to validate. */
    private static final List<Function<String, Object>> CONSTRUCTORS = List.of(
            AgentId::of, FrameworkId::of, TaskId::of, ContainerId::of);

    @ParameterizedTest
    @ValueSource(strings = {"a", "t-1", "0c8f2e1a-5b3c-4d1e-9f00-1234567890ab-S0", "a.b", "...", "x..", "ads:1", "é"})
    void acceptsSinglePathComponents(String value) {
        for (Function<String, Object> of : CONSTRUCTORS) {
            assertThat(of.apply(value)).hasToString(value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/", "a\\b", "a b", " a", "a\t", "a\nb", "a\u0000", "a\u001b[0m", "a\u007f"})
    void refusesWhatIsNotOneHarmlessPathComponent(String value) {
        for (Function<String, Object> of : CONSTRUCTORS) {
            assertThatThrownBy(() -> of.apply(value)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesNull() {
        for (Function<String, Object> of : CONSTRUCTORS) {
            assertThatThrownBy(() -> of.apply(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void allows255CharactersButNot256() {
        // NAME_MAX: the id becomes a directory name.
        for (Function<String, Object> of : CONSTRUCTORS) {
            assertThat(of.apply("x".repeat(255))).hasToString("x".repeat(255));
            assertThatThrownBy(() -> of.apply("x".repeat(256))).hasMessageContaining("255");
        }
    }

    @Test
    void messagesNameTheKindAndTheValue() {
        assertThatThrownBy(() -> TaskId.of("a/b")).hasMessageContaining("TaskId").hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> AgentId.of("")).hasMessageContaining("AgentId");
        assertThatThrownBy(() -> FrameworkId.of("..")).hasMessageContaining("FrameworkId '..'");
        assertThatThrownBy(() -> ContainerId.of("c 1")).hasMessageContaining("ContainerId 'c 1'");
        // A control character is shown escaped rather than written raw into a log line.
        assertThatThrownBy(() -> TaskId.of("t\u0007")).hasMessageContaining("t\\u0007");
    }

    @Test
    void idsCompareByValue() {
        assertThat(TaskId.of("a")).isLessThan(TaskId.of("b")).isEqualTo(new TaskId("a"));
        assertThat(AgentId.of("S1").compareTo(AgentId.of("S1"))).isZero();
        assertThat(FrameworkId.of("f2")).isGreaterThan(FrameworkId.of("f1"));
        assertThat(ContainerId.of("c1")).isLessThan(ContainerId.of("c2"));
    }
}
