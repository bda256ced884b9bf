package io.mezzo.authorizer;

import static io.mezzo.authorizer.Acls.document;
import static io.mezzo.authorizer.Acls.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.spi.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mesos's recursive role values: {@code "eng/%"} covers every role strictly below {@code eng}. */
class RoleWildcardTest {

    @ParameterizedTest(name = "{0} on role {1} -> {2}")
    @CsvSource({
        "REGISTER_FRAMEWORK, eng/web,     true",
        "REGISTER_FRAMEWORK, eng/web/api, true",
        "REGISTER_FRAMEWORK, ops,         true",
        // eng/% covers what is below eng, not eng itself.
        "REGISTER_FRAMEWORK, eng,         false",
        // A prefix of the name is not a parent role.
        "REGISTER_FRAMEWORK, engineering, false",
        "REGISTER_FRAMEWORK, ops/web,     false",
        // * is the default role's name, not a wildcard.
        "REGISTER_FRAMEWORK, *,           false",
        "UPDATE_WEIGHT,      eng/web,     true",
        "UPDATE_WEIGHT,      eng,         false",
        "GET_QUOTA,          eng/web/api, true",
        "GET_QUOTA,          engineering, false",
        "UPDATE_QUOTA,       eng/web,     true",
        "UPDATE_QUOTA,       eng,         false",
    })
    void aRecursiveValueCoversEveryRoleBelowIt(Action action, String role, boolean expected) {
        String key = AclKey.governing(action).jsonKey();
        Acls acls = Acls.of(document(false, key, entry("roles", "{\"values\": [\"eng-lead\"]}",
                "{\"values\": [\"eng/%\", \"ops\"]}")));

        assertThat(acls.allows("eng-lead", action, role)).isEqualTo(expected);
        assertThat(acls.allows("someone-else", action, role)).isFalse();
    }

    @Test
    void starIsOnlyTheDefaultRole() {
        Acls acls = Acls.of(document(false, "register_frameworks",
                entry("roles", "{\"type\": \"ANY\"}", "{\"values\": [\"*\"]}")));

        assertThat(acls.allows("fw", Action.REGISTER_FRAMEWORK, "*")).isTrue();
        assertThat(acls.allows("fw", Action.REGISTER_FRAMEWORK, "analytics")).isFalse();
    }

    @Test
    void aRecursiveEntryWithNonePrincipalsDeniesEveryoneBelowTheRole() {
        Acls acls = Acls.of(document(true, "register_frameworks",
                entry("roles", "{\"type\": \"NONE\"}", "{\"values\": [\"prod/%\"]}")));

        assertThat(acls.allows("fw", Action.REGISTER_FRAMEWORK, "prod/db")).isFalse();
        assertThat(acls.allows(Acls.ANONYMOUS, Action.REGISTER_FRAMEWORK, "prod/db")).isFalse();
        assertThat(acls.allows("fw", Action.REGISTER_FRAMEWORK, "prod")).isTrue();
    }

    @Test
    void recursiveEntriesKeepTheirPlaceInTheOrder() {
        String secretIsOff = entry("roles", "{\"type\": \"NONE\"}", "{\"values\": [\"eng/secret\"]}");
        String belowEngIsOpen = entry("roles", "{\"type\": \"ANY\"}", "{\"values\": [\"eng/%\"]}");

        Acls exceptionFirst = Acls.of(document(false, "register_frameworks", secretIsOff, belowEngIsOpen));
        assertThat(exceptionFirst.allows("fw", Action.REGISTER_FRAMEWORK, "eng/secret")).isFalse();
        assertThat(exceptionFirst.allows("fw", Action.REGISTER_FRAMEWORK, "eng/web")).isTrue();

        Acls wildcardFirst = Acls.of(document(false, "register_frameworks", belowEngIsOpen, secretIsOff));
        assertThat(wildcardFirst.allows("fw", Action.REGISTER_FRAMEWORK, "eng/secret")).isTrue();
    }

    @Test
    void anUnauthenticatedCallerMatchesARecursiveEntryOnlyThroughAnyPrincipals() {
        Acls listed = Acls.of(document(false, "update_quotas",
                entry("roles", "{\"values\": [\"ops\"]}", "{\"values\": [\"eng/%\"]}")));
        Acls anyone = Acls.of(document(false, "update_quotas",
                entry("roles", "{\"type\": \"ANY\"}", "{\"values\": [\"eng/%\"]}")));

        assertThat(listed.allows(Acls.ANONYMOUS, Action.UPDATE_QUOTA, "eng/web")).isFalse();
        assertThat(anyone.allows(Acls.ANONYMOUS, Action.UPDATE_QUOTA, "eng/web")).isTrue();
    }

    @Test
    void outsideRoleActionsAPercentValueIsLiteral() {
        Acls acls = Acls.of(document(false, "run_tasks",
                entry("users", "{\"type\": \"ANY\"}", "{\"values\": [\"eng/%\"]}")));

        assertThat(acls.allows("fw", Action.RUN_TASK, "eng/%")).isTrue();
        assertThat(acls.allows("fw", Action.RUN_TASK, "eng/web")).isFalse();
    }
}
