package io.mezzo.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.spi.Action;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The examples of Mesos's docs/authorization.md, in a file of the same shape, behave as the docs
 * say. Each assertion quotes the sentence it checks.
 */
class MesosDocsExampleTest {
    private final Acls acls = Acls.of(resource("mesos-docs-example.json").toString());

    @Test
    void onlyFooRegistersAndOnlyInAnalytics() {
        // "Principal foo can register frameworks subscribed to the analytics role and no other roles."
        assertThat(acls.allows("foo", Action.REGISTER_FRAMEWORK, "analytics")).isTrue();
        assertThat(acls.allows("foo", Action.REGISTER_FRAMEWORK, "*")).isFalse();
        // "No other principal can register frameworks subscribed to any roles, including *."
        assertThat(acls.allows("bar", Action.REGISTER_FRAMEWORK, "analytics")).isFalse();
        assertThat(acls.allows("bar", Action.REGISTER_FRAMEWORK, "*")).isFalse();
        assertThat(acls.allows(Acls.ANONYMOUS, Action.REGISTER_FRAMEWORK, "*")).isFalse();
    }

    @Test
    void tasksRunOnlyAsGuestOrBar() {
        // "principals can only run tasks as operating system users guest or bar, but not as any other user."
        assertThat(acls.allows("foo", Action.RUN_TASK, "guest")).isTrue();
        assertThat(acls.allows(Acls.ANONYMOUS, Action.RUN_TASK, "bar")).isTrue();
        assertThat(acls.allows("foo", Action.RUN_TASK, "root")).isFalse();
    }

    @Test
    void onlyOpsTearsDownFrameworks() {
        // "The ops principal can teardown any framework ... No other principal can teardown any frameworks."
        assertThat(acls.allows("ops", Action.TEARDOWN_FRAMEWORK, "foo")).isTrue();
        assertThat(acls.allows("foo", Action.TEARDOWN_FRAMEWORK, "foo")).isFalse();
    }

    @Test
    void opsSeesAndSetsEveryQuotaAndFooOnlyItsOwn() {
        // "The principal ops can query quota status for any role. The principal foo, however, can only
        // query quota status for foo-role. No other principal can query quota status."
        for (Action action : new Action[] {Action.GET_QUOTA, Action.UPDATE_QUOTA}) {
            assertThat(acls.allows("ops", action, "anything")).as(action.name()).isTrue();
            assertThat(acls.allows("foo", action, "foo-role")).as(action.name()).isTrue();
            assertThat(acls.allows("foo", action, "bar-role")).as(action.name()).isFalse();
            assertThat(acls.allows("bar", action, "foo-role")).as(action.name()).isFalse();
        }
    }

    @Test
    void opsReachesEveryEndpointAndFooTwo() {
        // "The principal ops can reach all HTTP endpoints using the GET method. The principal foo,
        // however, can only use the HTTP GET on the /logging/toggle and /monitor/statistics endpoints."
        assertThat(acls.allows("ops", Action.GET_ENDPOINT_WITH_PATH, "/metrics/snapshot")).isTrue();
        assertThat(acls.allows("foo", Action.GET_ENDPOINT_WITH_PATH, "/logging/toggle")).isTrue();
        assertThat(acls.allows("foo", Action.GET_ENDPOINT_WITH_PATH, "/monitor/statistics")).isTrue();
        assertThat(acls.allows("foo", Action.GET_ENDPOINT_WITH_PATH, "/metrics/snapshot")).isFalse();
        // "No other principals can use GET on any endpoints."
        assertThat(acls.allows("bar", Action.GET_ENDPOINT_WITH_PATH, "/logging/toggle")).isFalse();
    }

    @Test
    void actionsWithoutEntriesFollowPermissiveFalse() {
        // "when setting permissive to false a number of standard operations ... will require ACLs"
        assertThat(acls.allows("ops", Action.VIEW_FRAMEWORK, "guest")).isFalse();
        assertThat(acls.allows("ops", Action.UPDATE_WEIGHT, "analytics")).isFalse();
    }

    @Test
    void keysMezzoDoesNotEnforceAreReportedNotRefused() throws Exception {
        AclTable table = AclParser.parse(Files.readString(resource("mesos-docs-example.json")));

        assertThat(table.unenforcedKeys()).containsExactlyInAnyOrder(AclKey.RESERVE_RESOURCES, AclKey.ACCESS_MESOS_LOGS);
    }

    private static Path resource(String name) {
        try {
            return Path.of(MesosDocsExampleTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
