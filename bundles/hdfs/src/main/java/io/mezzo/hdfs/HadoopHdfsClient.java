package io.mezzo.hdfs;

import io.mezzo.api.HdfsUri;
import io.mezzo.hdfs.Deadlines.Progress;
import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsEntry;
import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * {@link HdfsClient} on Hadoop FileSystems. Every operation runs under {@link Deadlines}, so it
 * ends within the timeout (transfers: without progress for the timeout) whatever the NameNode
 * does. Thread-safe: Hadoop's FileSystem is, and this class keeps no other mutable state.
 */
final class HadoopHdfsClient implements HdfsClient {
    private static final System.Logger LOG = System.getLogger(HadoopHdfsClient.class.getName());

    /** One operation on the FileSystem serving a location, given Hadoop's path for it. */
    @FunctionalInterface
    private interface FsWork<T> {
        T run(FileSystem fs, org.apache.hadoop.fs.Path path, Progress progress) throws Exception;
    }

    private final FileSystems files;
    private final Deadlines deadlines;

    HadoopHdfsClient(FileSystems files, Duration timeout) {
        this.files = files;
        this.deadlines = new Deadlines(timeout);
    }

    @Override
    public boolean exists(HdfsUri path) throws HdfsException {
        return call("check", path, (fs, p, progress) -> fs.exists(p));
    }

    @Override
    public long du(HdfsUri path) throws HdfsException {
        return call("measure", path, (fs, p, progress) -> fs.getContentSummary(p).getLength());
    }

    @Override
    public void mkdirs(HdfsUri path) throws HdfsException {
        call("create the directory", path, (fs, p, progress) -> {
            if (!fs.mkdirs(p)) {
                throw new IOException("the NameNode refused to create it");
            }
            return null;
        });
    }

    @Override
    public void write(HdfsUri path, InputStream data, boolean overwrite) throws HdfsException {
        Objects.requireNonNull(data, "data");
        call("write", path, (fs, p, progress) -> {
            Transfers.write(fs, p, data, overwrite, progress);
            return null;
        });
    }

    @Override
    public InputStream read(HdfsUri path) throws HdfsException {
        InputStream in = call("read", path, (fs, p, progress) -> fs.open(p));
        return new DeadlineInputStream(in, deadlines, path.toString());
    }

    @Override
    public List<HdfsEntry> list(HdfsUri path) throws HdfsException {
        return call("list", path, (fs, p, progress) -> {
            FileStatus self = fs.getFileStatus(p);
            if (!self.isDirectory()) {
                return List.of(entry(path, self));
            }
            List<HdfsEntry> entries = new ArrayList<>();
            for (FileStatus child : fs.listStatus(p)) {
                entries.add(entry(path.resolve(child.getPath().getName()), child));
            }
            entries.sort(Comparator.comparing(e -> e.path().path()));
            return List.copyOf(entries);
        });
    }

    @Override
    public boolean delete(HdfsUri path, boolean recursive) throws HdfsException {
        return call("delete", path, (fs, p, progress) -> fs.delete(p, recursive));
    }

    @Override
    public void copyToLocal(HdfsUri from, Path to) throws HdfsException {
        String action = "copy " + from + " to " + to;
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new HdfsException(Kind.ALREADY_EXISTS, "cannot " + action + ": " + to + " already exists");
        }
        deadlines.run(action, progress -> {
            Transfers.toLocal(files.forLocation(from), files.path(from), to, progress);
            return null;
        });
    }

    @Override
    public void copyFromLocal(Path from, HdfsUri to, boolean overwrite) throws HdfsException {
        String action = "copy " + from + " to " + to;
        if (!Files.exists(from)) {
            throw new HdfsException(Kind.NOT_FOUND, "cannot " + action + ": no such local file or directory " + from);
        }
        deadlines.run(action, progress -> {
            Transfers.fromLocal(files.forLocation(to), from, files.path(to), overwrite, progress);
            return null;
        });
    }

    @Override
    public void close() {
        // Closing a FileSystem talks to the NameNode (leases); bound it like any other call.
        try {
            deadlines.run("close the HDFS client", progress -> {
                files.close();
                return null;
            });
        } catch (HdfsException e) {
            LOG.log(Level.DEBUG, e.getMessage());
        } finally {
            deadlines.close();
        }
    }

    private <T> T call(String verb, HdfsUri location, FsWork<T> work) throws HdfsException {
        Objects.requireNonNull(location, "location");
        return deadlines.run(verb + " " + location,
                progress -> work.run(files.forLocation(location), files.path(location), progress));
    }

    private static HdfsEntry entry(HdfsUri path, FileStatus status) {
        return new HdfsEntry(path, status.isDirectory(), status.isDirectory() ? 0 : status.getLen(),
                Instant.ofEpochMilli(status.getModificationTime()));
    }
}
