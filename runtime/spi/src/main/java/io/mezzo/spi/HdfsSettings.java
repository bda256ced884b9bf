package io.mezzo.spi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach HDFS: Hadoop's configuration directory ({@code --hadoop-conf-dir}, read for
 * {@code core-site.xml} and {@code hdfs-site.xml}) and/or the default file system
 * ({@code --hdfs-default-fs}, which wins over the directory's {@code fs.defaultFS}).
 *
 * @param timeout the longest one operation may wait for the NameNode or a DataNode before it
 *                fails with {@link HdfsException.Kind#UNREACHABLE} or
 *                {@link HdfsException.Kind#TIMEOUT}; never a hang
 */
public record HdfsSettings(Optional<Path> confDir, Optional<URI> defaultFs, Duration timeout) {
    public HdfsSettings {
        if (confDir == null || defaultFs == null || timeout == null) {
            throw new IllegalArgumentException("HDFS settings need a conf dir (or none), a default fs (or none)"
                    + " and a timeout");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the HDFS timeout must be positive, not " + timeout);
        }
        defaultFs.ifPresent(fs -> {
            if (!"hdfs".equalsIgnoreCase(fs.getScheme()) || fs.getHost() == null) {
                throw new IllegalArgumentException("the default file system must be hdfs://host[:port], not " + fs);
            }
        });
    }
}
