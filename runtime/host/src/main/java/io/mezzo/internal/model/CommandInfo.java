package io.mezzo.internal.model;

import io.mezzo.api.CommandSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's {@code CommandInfo}: what to fetch, the extra environment, the command, and the
 * user to run as.
 */
public record CommandInfo(List<UriSpec> uris, Map<String, String> environment, boolean shell,
                          Optional<String> value, List<String> arguments, Optional<String> user) {
    public CommandInfo {
        uris = List.copyOf(uris);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        value = value == null ? Optional.empty() : value;
        arguments = List.copyOf(arguments);
        user = user == null ? Optional.empty() : user;
    }

    public static CommandInfo shell(String command) {
        return new CommandInfo(List.of(), Map.of(), true, Optional.of(command), List.of(), Optional.empty());
    }

    /** The launcher's view: the command alone. Fails when {@code value} is missing. */
    public CommandSpec toSpec() {
        return new CommandSpec(shell, value.orElseThrow(
                () -> new IllegalArgumentException("CommandInfo.value is required")), arguments);
    }
}
