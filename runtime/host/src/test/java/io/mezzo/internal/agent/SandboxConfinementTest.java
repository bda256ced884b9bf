package io.mezzo.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.AgentId;
import io.mezzo.api.ContainerId;
import io.mezzo.api.FrameworkId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.protocol.AgentEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No sandbox can leave the agent's work directory, even if the master sent a hostile id:
 * the agent decodes the master's events into validated ids (a LAUNCH_TASK with a path in an
 * id never becomes a task), and the sandbox path is checked again after normalizing.
 */
class SandboxConfinementTest {

    /** JSON string escapes of ids that would leave the work directory or break a path. */
    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../../../tmp/x", "a/b", "a\\\\b", "a\\u0000b", "a\\nb", ""})
    void launchFromTheMasterWithAHostileTaskIdIsRefusedBeforeAnySandboxExists(String taskId) {
        String event = "{\"type\":\"LAUNCH_TASK\",\"framework_id\":\"f1\",\"framework\":{\"user\":\"u\",\"name\":\"n\","
                + "\"roles\":[\"*\"],\"failover_timeout\":0,\"checkpoint\":false,\"capabilities\":[],\"labels\":[]},"
                + "\"task\":{\"task_id\":\"" + taskId + "\",\"name\":\"t\",\"agent_id\":\"a1\",\"resources\":[],"
                + "\"command\":{\"uris\":[],\"environment\":{},\"shell\":true,\"value\":\"true\",\"arguments\":[]},"
                + "\"labels\":[]}}";
        assertThatThrownBy(() -> MezzoJson.read(event, AgentEvent.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TaskId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "x/../../y"})
    void hostileFrameworkIdFromTheMasterIsRefused(String frameworkId) {
        String event = "{\"type\":\"SHUTDOWN_FRAMEWORK\",\"framework_id\":\"" + frameworkId + "\"}";
        assertThatThrownBy(() -> MezzoJson.read(event, AgentEvent.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FrameworkId");
    }

    @Test
    void sandboxOfAWorkDirGivenWithDotDotsStaysInsideIt(@TempDir Path work) {
        Path roundabout = work.resolve("a").resolve("..").resolve(".");
        Path run = Sandbox.runDirectory(roundabout, new AgentId("a1"), new FrameworkId("f1"), new TaskId("..t"),
                new ContainerId("c1"));
        assertThat(run.startsWith(work.toAbsolutePath().normalize())).as(run.toString()).isTrue();
        assertThat(run.getFileName().toString()).isEqualTo("c1");
        assertThat(run.getParent().getParent().getFileName().toString()).isEqualTo("..t");
    }

    @Test
    void longestAllowedIdsStillMakeOneSandboxLevelEach(@TempDir Path work) {
        String longest = "x".repeat(255);
        Path run = Sandbox.runDirectory(work, new AgentId(longest), new FrameworkId(longest), new TaskId(longest),
                new ContainerId("c1"));
        assertThat(work.toAbsolutePath().normalize().relativize(run).getNameCount()).isEqualTo(8);
    }
}
