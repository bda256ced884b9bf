package io.mezzo.internal.http;

import io.mezzo.api.AgentId;
import io.mezzo.api.TaskId;
import io.mezzo.internal.master.SchedulerCall;
import io.mezzo.internal.model.Blob;
import io.mezzo.internal.model.CommandInfo;
import io.mezzo.internal.model.TaskSpec;
import io.mezzo.internal.model.UriSpec;
import io.mezzo.internal.wire.Msg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code TaskInfo} to a {@link SchedulerCall.LaunchRequest}. Malformed ids and resources
 * throw (the call is a 400); a task using what Mezzo does not run (an executor, a container,
 * health checks) is carried with its problem and answered TASK_ERROR, as Mesos answers
 * invalid tasks.
 */
final class TaskInfoDecoder {
    private TaskInfoDecoder() {}

    static SchedulerCall.LaunchRequest decode(Msg task) {
        TaskId taskId = SchedulerCallDecoder.taskId(task.message("task_id"));
        AgentId agentId = SchedulerCallDecoder.agentId(task.message("agent_id"));
        ResourceCodec.Decoded resources;
        try {
            resources = ResourceCodec.decode(task.messages("resources"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + taskId + ": " + e.getMessage(), e);
        }
        Optional<String> problem = problem(task, resources);
        CommandInfo command = task.optionalMessage("command").map(TaskInfoDecoder::command)
                .orElseGet(() -> CommandInfo.shell("true"));
        if (problem.isEmpty() && command.value().isEmpty()) {
            problem = Optional.of("CommandInfo.value is required");
        }
        Optional<Duration> grace = task.optionalMessage("kill_policy").flatMap(SchedulerCallDecoder::gracePeriod);
        Optional<Blob> data = task.has("data") ? Optional.of(new Blob(task.bytes("data"))) : Optional.empty();
        TaskSpec spec = new TaskSpec(taskId, task.string("name"), agentId, resources.resources(), command, grace,
                SchedulerCallDecoder.labels(task.optionalMessage("labels")), data);
        Optional<String> allocationRole = resources.allocationRoles().size() == 1
                ? Optional.of(resources.allocationRoles().iterator().next()) : Optional.empty();
        return new SchedulerCall.LaunchRequest(spec, allocationRole, problem);
    }

    private static Optional<String> problem(Msg task, ResourceCodec.Decoded resources) {
        if (task.has("command") == task.has("executor")) {
            return Optional.of("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present");
        }
        if (task.has("executor")) {
            return Optional.of("Task uses an executor; Mezzo runs command tasks only (no custom executors yet)");
        }
        if (task.has("container")) {
            return Optional.of("Task uses ContainerInfo; Mezzo runs plain command tasks (no containerizers yet)");
        }
        if (task.has("health_check") || task.has("check")) {
            return Optional.of("Task uses health checks or checks, which Mezzo does not run yet");
        }
        if (task.has("max_completion_time")) {
            return Optional.of("Task uses max_completion_time, which Mezzo does not enforce yet");
        }
        if (resources.allocationRoles().size() > 1) {
            return Optional.of("Task's resources carry different allocation roles " + resources.allocationRoles());
        }
        for (Msg variable : task.message("command").optionalMessage("environment")
                .map(e -> e.messages("variables")).orElse(List.of())) {
            if (variable.has("type") && variable.enumName("type").equals("SECRET")) {
                return Optional.of("Task uses secret environment variables, which Mezzo does not support yet");
            }
            if (!variable.has("value")) {
                return Optional.of("Task's CommandInfo is invalid: environment variable '" + variable.string("name")
                        + "' of type 'VALUE' must have a value set");
            }
        }
        return resources.unsupported();
    }

    private static CommandInfo command(Msg command) {
        List<UriSpec> uris = new ArrayList<>();
        for (Msg uri : command.messages("uris")) {
            uris.add(new UriSpec(uri.string("value"), uri.bool("executable"), uri.bool("extract"), uri.bool("cache"),
                    uri.optionalString("output_file")));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        command.optionalMessage("environment").ifPresent(env -> {
            for (Msg variable : env.messages("variables")) {
                environment.put(variable.string("name"), variable.string("value"));
            }
        });
        return new CommandInfo(uris, environment, command.bool("shell"), command.optionalString("value"),
                command.strings("arguments"), command.optionalString("user"));
    }
}
