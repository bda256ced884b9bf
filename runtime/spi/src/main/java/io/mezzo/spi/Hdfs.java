package io.mezzo.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Access to HDFS, provided by a plugin bundle (Mezzo's own is {@code bundles/hdfs}, on the
 * Hadoop client). The host connects once per configuration and shares the client between the
 * agent's fetcher, frameworks' and tasks' helpers and the {@code mezzo dfs} command.
 */
@ConsumerType
public interface Hdfs {

    /**
     * A client for the file system {@code settings} describe. Fails with
     * {@link HdfsException.Kind#INVALID} when the settings cannot work (e.g. no such
     * configuration directory). Connecting does not contact the NameNode.
     */
    HdfsClient connect(HdfsSettings settings) throws HdfsException;
}
