package io.mezzo.internal.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a command's services until the process is told to stop (Ctrl-C, SIGTERM), then
 * closes them in reverse order of start, each failure reported and the rest still closed.
 */
final class Lifecycle {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    synchronized <T extends AutoCloseable> T add(T service) {
        started.push(service);
        return service;
    }

    /** Safe from a shutdown hook while the main thread closes too: each service is closed once. */
    synchronized void closeAll() {
        while (!started.isEmpty()) {
            AutoCloseable s = started.pop();
            try {
                s.close();
            } catch (Exception e) {
                System.err.println("mezzo: stopping " + s.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }

    /** Blocks until a shutdown signal has closed everything. */
    int runUntilStopped(String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("mezzo: stopping " + name);
            closeAll();
            stopped.countDown();
        }, "mezzo-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
