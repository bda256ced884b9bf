package io.mezzo.hdfs;

import io.mezzo.spi.HdfsException;
import io.mezzo.spi.HdfsException.Kind;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each operation on a worker thread and waits for it at most {@code timeout}, so a hung
 * NameNode or DataNode never hangs the caller: on expiry the worker is interrupted and the
 * caller gets {@link Kind#TIMEOUT}. A transfer that reports {@link Progress} gets a fresh
 * {@code timeout} after each wait in which it moved data: large copies are bounded by how long
 * they stall, not by their size (like Mesos's {@code --fetcher_stall_timeout}).
 *
 * <p>The wait needs no clock: {@code Future.get(timeout)} measures it.
 */
final class Deadlines implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** What an operation does on the worker; it may report progress. */
    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** Counts data moved; only ever compared with itself. */
    static final class Progress {
        private final AtomicLong moves = new AtomicLong();

        void moved() {
            moves.incrementAndGet();
        }

        long moves() {
            return moves.get();
        }
    }

    private final Duration timeout;
    private final ExecutorService workers;

    Deadlines(Duration timeout) {
        this.timeout = timeout;
        this.workers = Executors.newCachedThreadPool(daemons("mezzo-hdfs-" + POOLS.incrementAndGet() + "-"));
    }

    Duration timeout() {
        return timeout;
    }

    /** {@code action} names the operation and its location for error messages. */
    <T> T run(String action, Work<T> work) throws HdfsException {
        Progress progress = new Progress();
        Future<T> future;
        try {
            future = workers.submit(() -> HadoopLoader.call(() -> work.run(progress)));
        } catch (RejectedExecutionException e) {
            throw new HdfsException(Kind.IO, "cannot " + action + ": the HDFS client is closed", e);
        }
        return await(action, future, progress);
    }

    private <T> T await(String action, Future<T> future, Progress progress) throws HdfsException {
        long seen = 0;
        while (true) {
            try {
                return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                long now = progress.moves();
                if (now == seen) {
                    future.cancel(true);
                    throw new HdfsException(Kind.TIMEOUT, "cannot " + action + ": no answer within "
                            + describe(timeout), e);
                }
                seen = now;
            } catch (ExecutionException e) {
                throw Failures.of(action, e.getCause());
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new HdfsException(Kind.IO, "cannot " + action + ": interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
