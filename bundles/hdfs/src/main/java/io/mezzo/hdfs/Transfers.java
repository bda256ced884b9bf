package io.mezzo.hdfs;

import io.mezzo.hdfs.Deadlines.Progress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Copies between HDFS and the local file system, reporting progress and stopping when the
 * worker is interrupted (its deadline passed). Nothing half-copied is left behind: a download
 * lands in a hidden sibling and is renamed into place only when complete; a failed upload or
 * write removes what it created.
 */
final class Transfers {
    private static final System.Logger LOG = System.getLogger(Transfers.class.getName());
    private static final int BUFFER = 64 * 1024;

    private Transfers() {
    }

    /**
     * The caller's data stream failed: its exceptions say nothing about HDFS (an
     * {@code EOFException} or a socket timeout there is not the NameNode's).
     */
    static final class SourceFailure extends IOException {
        SourceFailure(IOException cause) {
            super("reading the data to write failed: " + Failures.firstLine(cause), cause);
        }
    }

    /** Writes {@code data} to a new (or, with {@code overwrite}, replaced) file. */
    static void write(FileSystem fs, Path target, InputStream data, boolean overwrite, Progress progress)
            throws IOException {
        InputStream source = new FilterInputStream(data) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (IOException e) {
                    throw new SourceFailure(e);
                }
            }
        };
        OutputStream out = fs.create(target, overwrite);
        try (out) {
            copy(source, out, progress);
        } catch (IOException | RuntimeException e) {
            removeQuietly(fs, target);
            throw e;
        }
    }

    /** Downloads a file or a directory tree to {@code to}, which must not exist. */
    static void toLocal(FileSystem fs, Path from, java.nio.file.Path to, Progress progress) throws IOException {
        java.nio.file.Path parent = to.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        java.nio.file.Path partial = parent.resolve("." + to.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            download(fs, fs.getFileStatus(from), partial, progress);
            checkInterrupted();
            Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteLocalQuietly(partial);
            throw e;
        }
    }

    private static void download(FileSystem fs, FileStatus source, java.nio.file.Path to, Progress progress)
            throws IOException {
        if (source.isDirectory()) {
            Files.createDirectory(to);
            for (FileStatus child : fs.listStatus(source.getPath())) {
                java.nio.file.Path target = to.resolve(child.getPath().getName());
                if (!to.equals(target.getParent())) {
                    throw new IOException("refusing the entry name '" + child.getPath().getName() + "'");
                }
                download(fs, child, target, progress);
            }
            return;
        }
        try (InputStream in = fs.open(source.getPath());
                OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
            copy(in, out, progress);
        }
    }

    /**
     * Uploads a local file or directory tree to {@code to}. An existing target is refused unless
     * {@code overwrite}; then it is replaced (a directory is removed first, so nothing of the old
     * tree survives).
     */
    static void fromLocal(FileSystem fs, java.nio.file.Path from, Path to, boolean overwrite, Progress progress)
            throws IOException {
        if (fs.exists(to)) {
            if (!overwrite) {
                throw new FileAlreadyExistsException(to.toUri().getPath() + " already exists");
            }
            if (Files.isDirectory(from) || fs.getFileStatus(to).isDirectory()) {
                fs.delete(to, true);
            }
        }
        boolean started = false;
        try {
            if (Files.isDirectory(from)) {
                if (!fs.mkdirs(to)) {
                    throw new IOException("cannot create directory " + to.toUri().getPath());
                }
                started = true;
                uploadChildren(fs, from, to, progress);
            } else {
                OutputStream out = fs.create(to, overwrite);
                started = true;
                try (out; InputStream in = Files.newInputStream(requireRegular(from))) {
                    copy(in, out, progress);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (started) {
                removeQuietly(fs, to);
            }
            throw e;
        }
    }

    private static void uploadChildren(FileSystem fs, java.nio.file.Path dir, Path to, Progress progress)
            throws IOException {
        List<java.nio.file.Path> children;
        try (Stream<java.nio.file.Path> listing = Files.list(dir)) {
            children = listing.sorted().toList();
        }
        for (java.nio.file.Path child : children) {
            checkInterrupted();
            Path target = new Path(to, child.getFileName().toString());
            if (Files.isDirectory(child)) {
                if (!fs.mkdirs(target)) {
                    throw new IOException("cannot create directory " + target.toUri().getPath());
                }
                uploadChildren(fs, child, target, progress);
            } else {
                try (OutputStream out = fs.create(target, false);
                        InputStream in = Files.newInputStream(requireRegular(child))) {
                    copy(in, out, progress);
                }
            }
        }
    }

    private static java.nio.file.Path requireRegular(java.nio.file.Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file or a directory");
        }
        return file;
    }

    static void copy(InputStream in, OutputStream out, Progress progress) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        while (true) {
            checkInterrupted();
            n = in.read(buffer);
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
            progress.moved();
        }
    }

    private static void checkInterrupted() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("stopped: the operation's deadline passed");
        }
    }

    private static void removeQuietly(FileSystem fs, Path path) {
        // Interrupted, the worker could not reach the NameNode; clear the flag for the cleanup call.
        boolean interrupted = Thread.interrupted();
        try {
            fs.delete(path, true);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, () -> "could not remove the partial copy " + path + ": " + Failures.firstLine(e));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void deleteLocalQuietly(java.nio.file.Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<java.nio.file.Path> tree = Files.walk(root)) {
            for (java.nio.file.Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, () -> "could not remove the partial copy " + root + ": " + Failures.firstLine(e));
        }
    }
}
