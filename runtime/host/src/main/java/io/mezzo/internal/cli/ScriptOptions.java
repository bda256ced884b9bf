package io.mezzo.internal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.runtime.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** What a framework script is given: parameters and the callback limit. */
final class ScriptOptions {
    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A parameter the script reads as ctx.params.NAME (a string); repeat for more.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"--callback-timeout", "--callback_timeout"}, defaultValue = "10secs",
            converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest a script callback may run; one that runs longer is stopped and the framework"
                    + " fails (default: ${DEFAULT-VALUE}).")
    Duration callbackTimeout;

    ObjectNode paramsJson() {
        ObjectNode json = MezzoJson.mapper().createObjectNode();
        params.forEach(json::put);
        return json;
    }

    Duration callbackTimeout() {
        if (callbackTimeout.isNegative() || callbackTimeout.isZero()) {
            throw new IllegalArgumentException("--callback-timeout must be positive, not "
                    + Durations.format(callbackTimeout));
        }
        return callbackTimeout;
    }
}
