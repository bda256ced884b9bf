package io.mezzo.hdfs;

import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsException.Kind;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.net.ConnectTimeoutException;
import org.apache.hadoop.security.AccessControlException;

/**
 * Turns what Hadoop (or the local file system) threw into an {@link HdfsException} whose kind a
 * caller can act on and whose message names the operation and the location, without Hadoop's
 * multi-line texts and wiki links.
 */
final class Failures {
    private static final int MAX_DETAIL = 300;
    private static final int MAX_CAUSES = 16;

    private Failures() {
    }

    /** {@code action} is what was attempted, e.g. {@code "read hdfs://nn:9000/x"}. */
    static HdfsException of(String action, Throwable error) {
        if (error instanceof HdfsException known) {
            return known;
        }
        // Hadoop wraps what it caught (often twice); the first cause with a known meaning decides.
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            Optional<HdfsException> mapped = classify(action, unwrap(cause));
            if (mapped.isPresent()) {
                return mapped.get();
            }
        }
        return new HdfsException(Kind.IO, "cannot " + action + ": " + firstLine(unwrap(error)), error);
    }

    /** The exception the NameNode reported, when Hadoop did not unwrap it already. */
    private static Throwable unwrap(Throwable error) {
        if (error instanceof RemoteException remote) {
            IOException unwrapped = remote.unwrapRemoteException();
            return unwrapped instanceof RemoteException ? remote : unwrapped;
        }
        return error;
    }

    private static Optional<HdfsException> classify(String action, Throwable e) {
        String prefix = "cannot " + action + ": ";
        Kind kind;
        String reason;
        if (e instanceof Transfers.SourceFailure) {
            kind = Kind.IO;
            reason = e.getMessage();
        } else if (e instanceof FileNotFoundException || e instanceof NoSuchFileException) {
            kind = Kind.NOT_FOUND;
            reason = e instanceof NoSuchFileException ? "no such local file or directory " + firstLine(e)
                    : "no such file or directory";
        } else if (e instanceof PathIsNotEmptyDirectoryException || e instanceof DirectoryNotEmptyException) {
            kind = Kind.ALREADY_EXISTS;
            reason = "the directory is not empty (delete it recursively)";
        } else if (e instanceof FileAlreadyExistsException
                || e instanceof java.nio.file.FileAlreadyExistsException) {
            kind = Kind.ALREADY_EXISTS;
            reason = "already exists: " + firstLine(e);
        } else if (e instanceof ParentNotDirectoryException) {
            kind = Kind.ALREADY_EXISTS;
            reason = "a parent is a file, not a directory: " + firstLine(e);
        } else if (e instanceof AccessControlException || e instanceof AccessDeniedException) {
            kind = Kind.PERMISSION_DENIED;
            reason = "permission denied: " + firstLine(e);
        } else if (isUnreachable(e)) {
            kind = Kind.UNREACHABLE;
            reason = "the NameNode or a DataNode is unreachable: " + firstLine(e);
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            kind = Kind.TIMEOUT;
            reason = "no answer in time: " + firstLine(e);
        } else {
            return Optional.empty();
        }
        return Optional.of(new HdfsException(kind, prefix + reason, e));
    }

    private static boolean isUnreachable(Throwable e) {
        // ConnectTimeoutException is a SocketTimeoutException: nothing answered the connect at all.
        // An EOFException from Hadoop's IPC: the NameNode closed the connection (it went away).
        return e instanceof ConnectTimeoutException || e instanceof ConnectException || e instanceof EOFException
                || e instanceof NoRouteToHostException || e instanceof UnknownHostException
                || e instanceof PortUnreachableException || e instanceof SocketException;
    }

    /** The first line of the message, shortened; Hadoop appends stack traces and links. */
    static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("");
        int link = line.indexOf("; For more details see:");
        if (link > 0) {
            line = line.substring(0, link);
        }
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "..." : line;
    }
}
