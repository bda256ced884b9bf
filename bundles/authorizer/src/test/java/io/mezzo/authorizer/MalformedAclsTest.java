package io.mezzo.authorizer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way an ACL document can be wrong gives a message that names the bad value's JSON path. */
class MalformedAclsTest {
    /** A valid run_tasks entry, written @ in the table. */
    private static final String RUN_TASK = "{'principals': {'type': 'ANY'}, 'users': {'type': 'ANY'}}";

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                arguments("{'run_task': []}", "run_task: unknown ACL key"),
                // Mesos's pre-1.0 name, which Mesos itself no longer reads.
                arguments("{'shutdown_frameworks': []}", "shutdown_frameworks: unknown ACL key"),
                arguments("{'permissive': 'false'}", "permissive: must be true or false, not string"),
                arguments("{'run_tasks': {}}", "run_tasks: must be an array of ACL entries, not object"),
                arguments("{'run_tasks': null}", "run_tasks: must be an array of ACL entries, not null"),
                arguments("{'run_tasks': ['root']}",
                        "run_tasks[0]: must be an object with 'principals' and 'users', not string"),
                arguments("{'run_tasks': [@, @, {'principals': {'type': 'ANY'}, 'users': {'type': 'SOME_THING'}}]}",
                        "run_tasks[2].users.type: unknown entity type 'SOME_THING' (expected SOME, ANY or NONE)"),
                arguments("{'run_tasks': [{'principals': {'type': 'any'}, 'users': {'type': 'ANY'}}]}",
                        "run_tasks[0].principals.type: unknown entity type 'any'"),
                arguments("{'run_tasks': [{'principals': {'type': 1}, 'users': {'type': 'ANY'}}]}",
                        "run_tasks[0].principals.type: must be \"SOME\", \"ANY\" or \"NONE\", not number"),
                arguments("{'run_tasks': [{'principals': 'alice', 'users': {'type': 'ANY'}}]}",
                        "run_tasks[0].principals: must be an entity object"),
                arguments("{'run_tasks': [@, {'principals': {'type': 'ANY'}, 'users': {'values': 'root'}}]}",
                        "run_tasks[1].users.values: must be an array of strings, not string"),
                arguments("{'run_tasks': [{'principals': {'values': ['alice', 7]}, 'users': {'type': 'ANY'}}]}",
                        "run_tasks[0].principals.values[1]: must be a string, not number"),
                arguments("{'run_tasks': [{'principals': {'value': ['alice']}, 'users': {'type': 'ANY'}}]}",
                        "run_tasks[0].principals.value: unknown field (expected 'type' and 'values')"),
                arguments("{'run_tasks': [{'principals': {'type': 'ANY'}}]}", "run_tasks[0].users: missing"),
                arguments("{'run_tasks': [{'users': {'type': 'ANY'}}]}", "run_tasks[0].principals: missing"),
                arguments("{'run_tasks': [{'principals': {'type': 'ANY'}, 'user': {'type': 'ANY'}}]}",
                        "run_tasks[0].user: unknown field (expected 'principals' and 'users')"),
                arguments("{'register_frameworks': [{'principals': {'type': 'ANY'}, 'users': {'type': 'ANY'}}]}",
                        "register_frameworks[0].users: unknown field (expected 'principals' and 'roles')"),
                // Keys Mezzo does not enforce are checked all the same.
                arguments("{'view_roles': [{'principals': {'type': 'ANY'}, 'roles': {'type': 'ALL'}}]}",
                        "view_roles[0].roles.type: unknown entity type 'ALL'"),
                arguments("{'access_mesos_logs': [{'principals': {'type': 'ANY'}, 'logs': {'values': ['x']}}]}",
                        "access_mesos_logs[0].logs: must be {\"type\": \"ANY\"} or {\"type\": \"NONE\"}"),
                arguments("{'prune_images': [{'principals': {'type': 'ANY'}, 'images': {}}]}",
                        "prune_images[0].images: must be {\"type\": \"ANY\"} or {\"type\": \"NONE\"}"),
                arguments("{'permissive': true, 'permissive': false}",
                        "not valid JSON at line 1, column 34: Duplicate field 'permissive'"),
                arguments("{'run_tasks': [@, @], 'run_tasks': []}", "Duplicate field 'run_tasks'"),
                arguments("{'run_tasks': [\n  }", "not valid JSON at line 2"),
                arguments("{} {}", "not valid JSON at line 1"),
                arguments("{}x", "not valid JSON at line 1"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badDocuments")
    void aBadDocumentIsRefusedWithItsJsonPath(String written, String expected) {
        String json = written.replace("@", RUN_TASK).replace('\'', '"');

        assertThatThrownBy(() -> new LocalAuthorizer().open(new AuthorizationSettings(Optional.of(json))))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageStartingWith("invalid ACLs in the --acls value: ")
                .hasMessageContaining(expected);
    }
}
