package io.mezzo.authorizer;

import static io.mezzo.authorizer.Acls.document;
import static io.mezzo.authorizer.Acls.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.spi.Action;
import io.mezzo.spi.Authorization;
import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AclDecisionTest {
    private static final String ANY = "{\"type\": \"ANY\"}";
    private static final String NONE = "{\"type\": \"NONE\"}";

    @ParameterizedTest(name = "{0} is decided by {1}")
    @CsvSource({
        "REGISTER_FRAMEWORK,     register_frameworks, roles",
        "RUN_TASK,               run_tasks,           users",
        "TEARDOWN_FRAMEWORK,     teardown_frameworks, framework_principals",
        "VIEW_FRAMEWORK,         view_frameworks,     users",
        "VIEW_TASK,              view_tasks,          users",
        "VIEW_EXECUTOR,          view_executors,      users",
        "REGISTER_AGENT,         register_agents,     agents",
        "GET_ENDPOINT_WITH_PATH, get_endpoints,       paths",
        "UPDATE_WEIGHT,          update_weights,      roles",
        "GET_QUOTA,              get_quotas,          roles",
        "UPDATE_QUOTA,           update_quotas,       roles",
    })
    void eachActionIsDecidedByItsOwnKeyAndNoOther(Action action, String key, String objectField) {
        // p may do this action on nothing; everything else falls through to permissive (allow).
        Acls acls = Acls.of(document(true, key, entry(objectField, "{\"values\": [\"p\"]}", NONE)));

        for (Action other : Action.values()) {
            assertThat(acls.allows("p", other, "o")).as(other.name()).isEqualTo(other != action);
            assertThat(acls.allows("q", other, "o")).as(other.name() + " for another principal").isTrue();
        }
    }

    @ParameterizedTest(name = "[{index}] principals {0}, users {1}, permissive {2}: {3} on {4} -> {5}")
    @CsvSource(delimiter = '|', value = {
        // A listed principal on a listed object: the entry matches and allows.
        "{\"values\": [\"alice\"]} | {\"values\": [\"root\"]} | false | alice | root  | true",
        // Either side unlisted: the entry does not match, permissive decides.
        "{\"values\": [\"alice\"]} | {\"values\": [\"root\"]} | false | alice | guest | false",
        "{\"values\": [\"alice\"]} | {\"values\": [\"root\"]} | true  | alice | guest | true",
        "{\"values\": [\"alice\"]} | {\"values\": [\"root\"]} | false | bob   | root  | false",
        "{\"values\": [\"alice\"]} | {\"values\": [\"root\"]} | true  | bob   | root  | true",
        // An unauthenticated caller never matches a list of principals.
        "{\"values\": [\"alice\"]} | {\"values\": [\"root\"]} | false | -     | root  | false",
        "{\"values\": [\"alice\"]} | {\"values\": [\"root\"]} | true  | -     | root  | true",
        // ANY principals cover everyone, the unauthenticated caller included.
        "{\"type\": \"ANY\"}       | {\"values\": [\"root\"]} | false | bob   | root  | true",
        "{\"type\": \"ANY\"}       | {\"values\": [\"root\"]} | false | -     | root  | true",
        "{\"type\": \"ANY\"}       | {\"values\": [\"root\"]} | false | bob   | guest | false",
        // NONE principals match everyone and deny, even when permissive.
        "{\"type\": \"NONE\"}      | {\"values\": [\"root\"]} | true  | alice | root  | false",
        "{\"type\": \"NONE\"}      | {\"values\": [\"root\"]} | true  | -     | root  | false",
        "{\"type\": \"NONE\"}      | {\"values\": [\"root\"]} | true  | alice | guest | true",
        // NONE objects: this principal may do it on nothing.
        "{\"values\": [\"alice\"]} | {\"type\": \"NONE\"}      | true  | alice | guest | false",
        "{\"values\": [\"alice\"]} | {\"type\": \"NONE\"}      | true  | bob   | guest | true",
        "{\"values\": [\"alice\"]} | {\"type\": \"NONE\"}      | true  | -     | guest | true",
        // ANY objects.
        "{\"values\": [\"alice\"]} | {\"type\": \"ANY\"}       | false | alice | guest | true",
        "{\"values\": [\"alice\"]} | {\"type\": \"ANY\"}       | false | bob   | guest | false",
        "{\"type\": \"ANY\"}       | {\"type\": \"ANY\"}       | false | -     | guest | true",
        "{\"type\": \"NONE\"}      | {\"type\": \"ANY\"}       | true  | -     | guest | false",
        "{\"type\": \"ANY\"}       | {\"type\": \"NONE\"}      | true  | alice | guest | false",
        // Values are kept but ignored for ANY and NONE.
        "{\"type\": \"ANY\", \"values\": [\"alice\"]} | {\"values\": [\"root\"]} | false | bob | root | true",
        // type SOME spelt out is the default; an empty list names no one.
        "{\"type\": \"SOME\", \"values\": [\"alice\"]} | {\"values\": [\"root\"]} | false | alice | root | true",
        "{\"values\": []}          | {\"type\": \"ANY\"}       | true  | alice | root  | true",
        "{}                        | {\"type\": \"NONE\"}      | true  | alice | root  | true",
    })
    void oneEntryDecidesAsMesossMatrices(
            String principals, String users, boolean permissive, String principal, String user, boolean expected) {
        Acls acls = Acls.of(document(permissive, "run_tasks", entry("users", principals, users)));

        assertThat(acls.allows(principal, Action.RUN_TASK, user)).isEqualTo(expected);
    }

    @Test
    void theFirstMatchingEntryDecidesSoOrderMatters() {
        String onlyAdmin = entry("framework_principals", "{\"values\": [\"admin\"]}", ANY);
        String nobody = entry("framework_principals", NONE, ANY);

        // The order Mesos's docs warn about: the NONE entry comes first and shadows admin's.
        Acls shadowed = Acls.of(document(true, "teardown_frameworks", nobody, onlyAdmin));
        assertThat(shadowed.allows("admin", Action.TEARDOWN_FRAMEWORK, "fw-principal")).isFalse();

        Acls fixed = Acls.of(document(true, "teardown_frameworks", onlyAdmin, nobody));
        assertThat(fixed.allows("admin", Action.TEARDOWN_FRAMEWORK, "fw-principal")).isTrue();
        assertThat(fixed.allows("ops", Action.TEARDOWN_FRAMEWORK, "fw-principal")).isFalse();
        assertThat(fixed.allows(Acls.ANONYMOUS, Action.TEARDOWN_FRAMEWORK, "fw-principal")).isFalse();
    }

    @Test
    void anEntryThatDoesNotMatchLetsALaterOneDecide() {
        Acls acls = Acls.of(document(false, "view_tasks",
                entry("users", "{\"values\": [\"alice\"]}", "{\"values\": [\"alice\"]}"),
                entry("users", "{\"values\": [\"ops\", \"alice\"]}", ANY)));

        assertThat(acls.allows("alice", Action.VIEW_TASK, "bob")).isTrue();
        assertThat(acls.allows("ops", Action.VIEW_TASK, "bob")).isTrue();
        assertThat(acls.allows("bob", Action.VIEW_TASK, "bob")).isFalse();
    }

    @ParameterizedTest(name = "permissive {0}")
    @CsvSource({"true", "false"})
    void permissiveDecidesWhenNoEntryMatches(boolean permissive) {
        Acls acls = Acls.of(document(permissive, "get_endpoints",
                entry("paths", "{\"values\": [\"ops\"]}", "{\"values\": [\"/metrics/snapshot\"]}")));

        assertThat(acls.allows("ops", Action.GET_ENDPOINT_WITH_PATH, "/metrics/snapshot")).isTrue();
        assertThat(acls.allows("ops", Action.GET_ENDPOINT_WITH_PATH, "/flags")).isEqualTo(permissive);
        assertThat(acls.allows("dev", Action.GET_ENDPOINT_WITH_PATH, "/metrics/snapshot")).isEqualTo(permissive);
        assertThat(acls.allows("ops", Action.RUN_TASK, "root")).isEqualTo(permissive);
    }

    @Test
    void permissiveDefaultsToTrue() {
        Acls acls = Acls.of("{\"run_tasks\": [" + entry("users", NONE, "{\"values\": [\"root\"]}") + "]}");

        assertThat(acls.allows("alice", Action.RUN_TASK, "root")).isFalse();
        assertThat(acls.allows("alice", Action.RUN_TASK, "alice")).isTrue();
        assertThat(acls.allows("alice", Action.UPDATE_QUOTA, "eng")).isTrue();
    }

    @Test
    void anEmptyDocumentAllowsEverythingAndANonPermissiveOneNothing() {
        Acls open = Acls.of("{}");
        Acls closed = Acls.of("{\"permissive\": false}");

        for (Action action : Action.values()) {
            assertThat(open.allows(Acls.ANONYMOUS, action, "x")).as(action.name()).isTrue();
            assertThat(closed.allows("root", action, "x")).as(action.name()).isFalse();
        }
    }

    @Test
    void withoutAclsEverythingIsAllowed() throws AuthorizationException {
        Authorization authorization = new LocalAuthorizer().open(new AuthorizationSettings(Optional.empty()));

        for (Action action : Action.values()) {
            assertThat(authorization.authorized(Optional.empty(), action, "anything")).as(action.name()).isTrue();
        }
    }

    @Test
    void aClosedAuthorizationRefusesToDecide() throws AuthorizationException {
        Authorization authorization = new LocalAuthorizer().open(new AuthorizationSettings(Optional.of("{}")));
        assertThat(authorization.authorized(Optional.of("alice"), Action.RUN_TASK, "alice")).isTrue();

        authorization.close();

        assertThatThrownBy(() -> authorization.authorized(Optional.of("alice"), Action.RUN_TASK, "alice"))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("closed");
    }
}
