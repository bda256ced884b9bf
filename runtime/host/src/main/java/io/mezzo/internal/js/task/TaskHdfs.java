package io.mezzo.internal.js.task;

import io.mezzo.internal.hdfs.HdfsServices;
import io.mezzo.internal.js.HdfsBridge;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a JS task reaches HDFS: the agent passes its HDFS settings in the task's environment
 * ({@link #environment}) and the HDFS bundle jar on its class path; the task connects on its
 * first {@code task.hdfs} call, so a task that never uses HDFS never starts the Hadoop client.
 */
public final class TaskHdfs {
    /** The default file system, {@code hdfs://host:port}. */
    public static final String DEFAULT_FS = "MEZZO_HDFS_DEFAULT_FS";
    /** Hadoop's configuration directory, by Hadoop's own name for it. */
    public static final String CONF_DIR = "HADOOP_CONF_DIR";
    /** The longest one operation may wait, in milliseconds. */
    public static final String TIMEOUT_MILLIS = "MEZZO_HDFS_TIMEOUT_MS";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private TaskHdfs() {
    }

    /** The variables that give a task {@code settings}; none when they name no HDFS. */
    public static Map<String, String> environment(HdfsSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!HdfsServices.configured(settings)) {
            return env;
        }
        settings.defaultFs().ifPresent(fs -> env.put(DEFAULT_FS, fs.toString()));
        settings.confDir().ifPresent(dir -> env.put(CONF_DIR, dir.toString()));
        env.put(TIMEOUT_MILLIS, Long.toString(settings.timeout().toMillis()));
        return env;
    }

    /** The settings the environment gives; empty when it names no HDFS. */
    static Optional<HdfsSettings> settings(Map<String, String> env) {
        Optional<URI> defaultFs = Optional.ofNullable(env.get(DEFAULT_FS)).filter(s -> !s.isBlank()).map(URI::create);
        Optional<Path> confDir = Optional.ofNullable(env.get(CONF_DIR)).filter(s -> !s.isBlank()).map(Path::of);
        if (defaultFs.isEmpty() && confDir.isEmpty()) {
            return Optional.empty();
        }
        Duration timeout = Optional.ofNullable(env.get(TIMEOUT_MILLIS)).map(Long::parseLong).map(Duration::ofMillis)
                .orElse(DEFAULT_TIMEOUT);
        return Optional.of(new HdfsSettings(confDir, defaultFs, timeout));
    }

    /**
     * The bridge behind {@code task.hdfs}. A variable that cannot be read makes every call fail
     * naming it, rather than the task.
     */
    static HdfsBridge bridge(Map<String, String> env) {
        Optional<HdfsSettings> settings;
        try {
            settings = settings(env);
        } catch (IllegalArgumentException e) {
            String problem = "invalid HDFS settings in the task's environment (" + DEFAULT_FS + ", " + CONF_DIR
                    + ", " + TIMEOUT_MILLIS + "): " + e.getMessage();
            return new HdfsBridge(Optional.of(() -> {
                throw new HdfsException(HdfsException.Kind.INVALID, problem);
            }), Optional.empty());
        }
        return settings.map(s -> HdfsBridge.connectingOnFirstUse(s, Optional.empty())).orElseGet(HdfsBridge::none);
    }
}
