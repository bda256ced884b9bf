package io.mezzo.internal.cli;

import io.mezzo.internal.agent.AgentConfig;
import io.mezzo.spi.HdfsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a process reaches HDFS: the agent's fetcher, framework scripts ({@code ctx.hdfs}) and
 * their JS tasks ({@code task.hdfs}), {@code mezzo dfs}. The same flags on every command.
 */
final class HdfsOptions {
    @Option(names = {"--hadoop-conf-dir", "--hadoop_conf_dir"}, paramLabel = "DIR",
            description = "Hadoop configuration directory (core-site.xml, hdfs-site.xml) for hdfs:// locations."
                    + " Default: none; then --hdfs-default-fs or full hdfs://host:port URIs are needed.")
    Path hadoopConfDir;

    @Option(names = {"--hdfs-default-fs", "--hdfs_default_fs"}, paramLabel = "URI",
            description = "The default file system, hdfs://namenode:port, for locations like hdfs:///path or /path;"
                    + " wins over the configuration directory's fs.defaultFS.")
    String hdfsDefaultFs;

    @Option(names = {"--hdfs-timeout", "--hdfs_timeout"}, paramLabel = "DURATION", defaultValue = "30secs",
            converter = DurationConverter.class,
            description = "The longest one HDFS operation may wait for the NameNode or a DataNode before it"
                    + " fails. Default: ${DEFAULT-VALUE}.")
    Duration hdfsTimeout;

    HdfsSettings settings() {
        Optional<URI> defaultFs = Optional.empty();
        if (hdfsDefaultFs != null) {
            try {
                defaultFs = Optional.of(new URI(hdfsDefaultFs));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--hdfs-default-fs: invalid URI '" + hdfsDefaultFs + "': "
                        + e.getReason(), e);
            }
        }
        return settings(defaultFs);
    }

    /** The settings with {@code defaultFs} as the default file system (an embedded HDFS's, say). */
    HdfsSettings settings(Optional<URI> defaultFs) {
        try {
            return new HdfsSettings(Optional.ofNullable(hadoopConfDir).map(p -> p.toAbsolutePath().normalize()),
                    defaultFs, hdfsTimeout == null ? AgentConfig.DEFAULT_HDFS_TIMEOUT : hdfsTimeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--hdfs-default-fs / --hdfs-timeout: " + e.getMessage(), e);
        }
    }
}
