package io.mezzo.internal.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mezzo.api.CommandSpec;
import io.mezzo.api.Termination;
import io.mezzo.internal.js.JsTaskWire;
import io.mezzo.internal.model.Blob;
import io.mezzo.internal.model.Label;
import io.mezzo.internal.model.TaskSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A JavaScript task as {@link JsTaskWire} carries it: the script's name and text and its
 * arguments. The agent writes it into the sandbox, runs {@link JsTaskCommand} instead of the
 * task's placeholder command, and reads the outcome files once the process ended.
 */
record JsTask(String script, String source, JsonNode args) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the task's status says when its process ended. */
    record Outcome(Optional<Blob> data, Optional<String> message) {}

    static boolean isJs(TaskSpec task) {
        for (Label label : task.labels()) {
            if (label.key().equals(JsTaskWire.LABEL_KEY) && label.value().orElse("").equals(JsTaskWire.LABEL_VALUE)) {
                return true;
            }
        }
        return false;
    }

    /** Decodes the task's {@code data}; the exception's message names what is wrong. */
    static JsTask decode(TaskSpec task) {
        String expected = "; expected {\"script\": <path>, \"source\": <text>, \"args\": <JSON>}";
        Blob data = task.data().orElseThrow(() -> new IllegalArgumentException(
                "JS task '" + task.taskId() + "' has no data" + expected));
        JsonNode wire;
        try {
            wire = JSON.readTree(data.bytes());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JS task '" + task.taskId() + "' has data that is not JSON: "
                    + e.getOriginalMessage() + expected);
        } catch (IOException e) {
            throw new IllegalArgumentException("JS task '" + task.taskId() + "' has unreadable data: " + e);
        }
        if (wire == null || !wire.isObject()) {
            throw new IllegalArgumentException("JS task '" + task.taskId() + "' has data that is not a JSON object"
                    + expected);
        }
        for (String field : new String[] {"script", "source"}) {
            if (!wire.path(field).isTextual() || wire.path(field).asText().isEmpty()) {
                throw new IllegalArgumentException("JS task '" + task.taskId() + "' has no '" + field
                        + "' string in its data" + expected);
            }
        }
        return new JsTask(wire.get("script").asText(), wire.get("source").asText(),
                wire.hasNonNull("args") ? wire.get("args") : JSON.nullNode());
    }

    /** {@code hdfsJar}: the HDFS implementation, added to the task's class path for {@code task.hdfs}. */
    CommandSpec command(Optional<Path> hdfsJar) {
        return JsTaskCommand.command(script, hdfsJar);
    }

    /** Writes the script and its arguments into the sandbox. Blocking: off the actor. */
    void writeInto(Path sandbox) throws IOException {
        Files.writeString(sandbox.resolve(JsTaskWire.SCRIPT_FILE), source, StandardCharsets.UTF_8);
        Files.write(sandbox.resolve(JsTaskWire.ARGS_FILE), JSON.writeValueAsBytes(args));
    }

    /**
     * Success: the result file's bytes as data. Failure: the error file's text (shortened to
     * {@link JsTaskWire#MAX_ERROR_CHARS}) as message, else the usual exit message. Blocking.
     */
    static Outcome outcome(Path sandbox, Termination termination) {
        if (termination.succeeded()) {
            return new Outcome(read(sandbox.resolve(JsTaskWire.RESULT_FILE)).map(Blob::new), Optional.empty());
        }
        Optional<String> error = read(sandbox.resolve(JsTaskWire.ERROR_FILE))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                .filter(text -> !text.isEmpty())
                .map(text -> text.length() <= JsTaskWire.MAX_ERROR_CHARS ? text
                        : text.substring(0, JsTaskWire.MAX_ERROR_CHARS - 1) + "…");
        return new Outcome(Optional.empty(), error);
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            System.getLogger(JsTask.class.getName()).log(System.Logger.Level.WARNING, "cannot read " + file, e);
            return Optional.empty();
        }
    }
}
