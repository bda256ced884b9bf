package io.mezzo.spi;

/** An HDFS operation that failed, typed so callers can answer it (e.g. TASK_FAILED, 404, exit code). */
public final class HdfsException extends Exception {
    public enum Kind {
        /** The URI or settings are not usable. */
        INVALID,
        /** No such file or directory. */
        NOT_FOUND,
        /** The target exists and overwriting was not asked for, or a directory is not empty. */
        ALREADY_EXISTS,
        /** HDFS refused the operation for this user. */
        PERMISSION_DENIED,
        /** The NameNode (or a DataNode) could not be reached. */
        UNREACHABLE,
        /** The operation did not complete within the client's timeout. */
        TIMEOUT,
        /** Anything else HDFS or the local file system reported. */
        IO
    }

    private final Kind kind;

    public HdfsException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HdfsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
