package io.mezzo.spi;

import io.mezzo.api.HdfsUri;
import java.time.Instant;

/** One entry of a directory listing. */
public record HdfsEntry(HdfsUri path, boolean directory, long length, Instant modified) {
    public HdfsEntry {
        if (path == null || modified == null || length < 0) {
            throw new IllegalArgumentException("an HDFS entry needs a path, a modification time and a length >= 0");
        }
    }
}
