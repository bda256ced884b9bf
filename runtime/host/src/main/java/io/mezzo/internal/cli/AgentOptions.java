package io.mezzo.internal.cli;

import io.mezzo.api.Attribute;
import io.mezzo.api.Resources;
import io.mezzo.internal.agent.fetch.ByteSizes;
import io.mezzo.internal.agent.fetch.FetcherConfig;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = {"--frameworks-home", "--frameworks_home"}, paramLabel = "DIR",
            description = "Directory that relative local paths in CommandInfo.uris are resolved against."
                    + " Without it, such a URI fails the task.")
    Path frameworksHome;

    @Option(names = {"--fetcher-cache-size", "--fetcher_cache_size"}, paramLabel = "BYTES", defaultValue = "2GB",
            description = "Bound of the fetcher cache for URIs with cache=true, e.g. 2GB, 512MB; 0B disables it."
                    + " Default: ${DEFAULT-VALUE}.")
    String fetcherCacheSize;

    @Option(names = {"--fetcher-cache-dir", "--fetcher_cache_dir"}, paramLabel = "DIR",
            description = "Directory of the fetcher cache, emptied when the agent starts."
                    + " Default: <work-dir>/fetch-cache.")
    Path fetcherCacheDir;

    @Option(names = {"--fetcher-stall-timeout", "--fetcher_stall_timeout"}, paramLabel = "DURATION",
            defaultValue = "60secs", converter = DurationConverter.class,
            description = "An HTTP(S) download that receives no data for this long fails the task."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration fetcherStallTimeout;

    @Option(names = "--leader-probe-interval", paramLabel = "DURATION", defaultValue = "1secs",
            converter = DurationConverter.class,
            description = "How often to ask another master who leads, so a hung leader is left quickly;"
                    + " 0 turns it off (default: ${DEFAULT-VALUE}).")
    Duration leaderProbeInterval;

    FetcherConfig fetcher() {
        long size;
        try {
            size = ByteSizes.parse(fetcherCacheSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fetcher-cache-size: " + e.getMessage(), e);
        }
        try {
            return new FetcherConfig(Optional.ofNullable(frameworksHome), Optional.ofNullable(fetcherCacheDir), size,
                    fetcherStallTimeout == null ? FetcherConfig.DEFAULT_STALL_TIMEOUT : fetcherStallTimeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fetcher-stall-timeout: " + e.getMessage(), e);
        }
    }

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
