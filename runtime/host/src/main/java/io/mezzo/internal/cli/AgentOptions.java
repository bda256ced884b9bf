package io.mezzo.internal.cli;

import io.mezzo.api.Attribute;
import io.mezzo.api.Resources;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What an agent offers. */
final class AgentOptions {
    @Option(names = "--resources", paramLabel = "RESOURCES",
            description = "Total resources, e.g. \"cpus:4;mem:8192;ports:[31000-32000]\" (reserved: \"cpus(ads):2\")."
                    + " Items not given are detected the Mesos way: all CPUs, memory less 1 GB, disk less 5 GB,"
                    + " ports [31000-32000].")
    String resources;

    @Option(names = "--attributes", paramLabel = "ATTRIBUTES",
            description = "Attributes offered with the resources, e.g. \"rack:r1;zone:a\".")
    String attributes;

    @Option(names = {"--switch-user", "--switch_user"}, defaultValue = "false",
            description = "Run tasks as the framework's (or CommandInfo's) user; the agent must run as root."
                    + " Off by default: tasks run as the agent's user.")
    boolean switchUser;

    Optional<Resources> resources() {
        try {
            return resources == null ? Optional.empty() : Optional.of(Resources.parse(resources));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--resources: " + e.getMessage(), e);
        }
    }

    List<Attribute> attributes() {
        try {
            return attributes == null ? List.of() : Attribute.parseAll(attributes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--attributes: " + e.getMessage(), e);
        }
    }
}
