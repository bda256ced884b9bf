package io.mezzo.spi;

import io.mezzo.api.HdfsUri;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Operations on one HDFS. Every method either completes within the client's timeout or throws
 * an {@link HdfsException} whose kind and message say what went wrong (an unreachable
 * NameNode, a missing path, a permission error). Transfers ({@code write}, the copies, reads
 * from {@code read}'s stream) are bounded by the timeout without progress, not in total, so a
 * large file that keeps moving is not cut off. Safe to use from several threads; blocking, so
 * never call it from an event loop.
 */
@ConsumerType
public interface HdfsClient extends AutoCloseable {

    boolean exists(HdfsUri path) throws HdfsException;

    /** Bytes used by the file, or by everything below the directory. */
    long du(HdfsUri path) throws HdfsException;

    /** Creates the directory and its parents; fine when it exists. */
    void mkdirs(HdfsUri path) throws HdfsException;

    /** Creates (or, with {@code overwrite}, replaces) the file with {@code data}, creating parents. */
    void write(HdfsUri path, InputStream data, boolean overwrite) throws HdfsException;

    /** The file's content; the caller closes the stream. */
    InputStream read(HdfsUri path) throws HdfsException;

    /** The directory's entries (a file lists as itself), sorted by path. */
    List<HdfsEntry> list(HdfsUri path) throws HdfsException;

    /**
     * Deletes the file or directory; a non-empty directory only when {@code recursive}.
     * False when there was nothing to delete.
     */
    boolean delete(HdfsUri path, boolean recursive) throws HdfsException;

    /** Copies a file (or a directory, recursively) to a local path that must not exist yet. */
    void copyToLocal(HdfsUri from, Path to) throws HdfsException;

    /** Copies a local file (or directory) to HDFS; an existing target only with {@code overwrite}. */
    void copyFromLocal(Path from, HdfsUri to, boolean overwrite) throws HdfsException;

    /** Releases the connection; later calls fail. */
    @Override
    void close();
}
