package io.mezzo.internal.container;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waiting for something real to happen (FileInstall polls, bundles start). */
final class Await {
    static final Duration LIMIT = Duration.ofSeconds(30);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + LIMIT);
            }
            Thread.sleep(50);
        }
    }
}
