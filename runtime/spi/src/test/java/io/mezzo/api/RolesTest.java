package io.mezzo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mesos's role rules ({@code roles::validate}), plus Mezzo's backslash and length limits. */
class RolesTest {

    @ParameterizedTest
    @ValueSource(strings = {"*", "ads", "a/b", "eng/ads/prod", "a.b", "a-b", "a*", "x.", "..a", "ads_1", "ümlaut"})
    void acceptsValidRoles(String role) {
        assertThat(Roles.problem(role)).isEmpty();
        assertThat(Roles.validate(role)).isEqualTo(role);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        ".", "..",
        "a/./b", "a/..", "../a",                // '.' and '..' as path components
        "-x", "a/-x",                           // a component starts with a dash
        "a//b",                                 // empty component
        "/a", "a/", "/",                        // leading or trailing slash
        "a/*", "*/a",                           // '*' is only valid on its own
        "a b", " a", "a\t", "a\nb", "a\rb",     // whitespace
        "a\\b",                                 // backslash (Mezzo: roles end up in paths)
        "a\u0000b", "a\u0001", "a\u007f",       // control characters, DEL included
    })
    void refusesInvalidRoles(String role) {
        assertThat(Roles.problem(role)).isPresent();
        assertThatThrownBy(() -> Roles.validate(role)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsNoRole() {
        assertThat(Roles.problem(null)).contains("role name must not be empty");
    }

    @Test
    void limitsTheLength() {
        assertThat(Roles.problem("r".repeat(255))).isEmpty();
        assertThat(Roles.problem("r".repeat(256))).hasValueSatisfying(p -> assertThat(p).contains("255"));
    }

    @Test
    void problemsNameTheRoleAndTheRule() {
        assertThat(Roles.problem("a//b")).hasValueSatisfying(p -> assertThat(p).contains("'a//b'", "empty"));
        assertThat(Roles.problem("-x")).hasValueSatisfying(p -> assertThat(p).contains("'-x'", "-"));
        assertThat(Roles.problem("a/*")).hasValueSatisfying(p -> assertThat(p).contains("'a/*'", "'*'"));
        assertThat(Roles.problem("a/..")).hasValueSatisfying(p -> assertThat(p).contains("'a/..'", "'..'"));
        // Control characters are shown escaped, so the message itself stays printable.
        assertThat(Roles.problem("a\u0001")).hasValueSatisfying(p -> assertThat(p).contains("a\\u0001"));
    }

    @Test
    void validateThrowsTheProblem() {
        assertThatThrownBy(() -> Roles.validate("/a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Roles.problem("/a").orElseThrow());
    }
}
