package io.mezzo.hdfs;

import org.apache.hadoop.fs.FileSystem;

/**
 * Runs Hadoop code with the thread context class loader set to the one that loaded Hadoop.
 * Hadoop finds its default resources and its FileSystem implementations through the context
 * loader and {@code ServiceLoader}; inside Felix that loader is the bundle's, which sees
 * neither, and {@code FileSystem.get} would fail with "No FileSystem for scheme hdfs".
 */
final class HadoopLoader {
    private static final ClassLoader HADOOP = FileSystem.class.getClassLoader();

    /** Hadoop code that may throw {@code E}. */
    @FunctionalInterface
    interface HadoopCall<T, E extends Exception> {
        T call() throws E;
    }

    private HadoopLoader() {
    }

    static <T, E extends Exception> T call(HadoopCall<T, E> body) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HADOOP);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
