package io.mezzo.internal.actor;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One thread draining one mailbox: the single writer of whatever state its owner keeps.
 * A command that throws is logged and the thread carries on; it never dies of a bad command.
 */
public final class ActorThread implements Executor, AutoCloseable {
    private static final Logger LOG = System.getLogger(ActorThread.class.getName());
    private static final Runnable POISON = () -> {};

    private final BlockingQueue<Runnable> mailbox = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public ActorThread(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (true) {
            Runnable next;
            try {
                next = mailbox.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next == POISON) {
                return;
            }
            try {
                next.run();
            } catch (Throwable t) {
                LOG.log(Level.ERROR, thread.getName() + ": command failed; state is as the command left it", t);
                if (t instanceof OutOfMemoryError e) {
                    throw e;
                }
            }
        }
    }

    /** Queues {@code command}; rejected once the actor is closed. */
    @Override
    public void execute(Runnable command) {
        if (closed) {
            throw new RejectedExecutionException(thread.getName() + " is stopped");
        }
        mailbox.add(command);
    }

    /** Runs {@code query} on the actor and completes with its result (or its exception). */
    public <T> CompletableFuture<T> ask(Supplier<T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            execute(() -> {
                try {
                    result.complete(query.get());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                    throw t;
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    public boolean inActor() {
        return Thread.currentThread() == thread;
    }

    /** Number of queued commands (a metric: event queue depth). */
    public int backlog() {
        return mailbox.size();
    }

    /** Stops after the commands already queued have run. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            mailbox.add(POISON);
        }
        if (!inActor()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
