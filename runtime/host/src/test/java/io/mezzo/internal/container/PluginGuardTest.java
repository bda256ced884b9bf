package io.mezzo.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.internal.testkit.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginGuardTest {
    private final Plugin<Object> drf = new Plugin<>(new Object(), "drf", 0, "io.mezzo.allocator.drf", "0.1.0", 7);
    private final Plugin<Object> fifo = new Plugin<>(new Object(), "fifo", 10, "example.fifo", "1.0.0", 8);
    private final PluginGuard guard = new PluginGuard();
    private final LogCapture log = LogCapture.of(PluginGuard.class);

    @AfterEach
    void detach() {
        log.close();
    }

    @Test
    void returnedValueIsOkAndNothingIsLogged() {
        PluginResult<Integer> result = guard.call(drf, "allocate", () -> 42);

        assertThat(result).isEqualTo(new PluginResult.Ok<>(42));
        assertThat(result.valueIfOk()).contains(42);
        assertThat(result.failureIfFailed()).isEmpty();
        assertThat(log.all()).isEmpty();
    }

    @Test
    void thrownExceptionBecomesTypedFailureNamingPluginAndOperation() {
        PluginResult<Integer> result = guard.call(drf, "allocate", () -> {
            throw new IllegalStateException("sorter is empty");
        });

        assertThat(result).isEqualTo(new PluginResult.Failed<>(new PluginFailure(
                "drf", "allocate", "java.lang.IllegalStateException", "sorter is empty")));
        assertThat(result.isOk()).isFalse();
        assertThat(result.orElse(-1)).isEqualTo(-1);
        assertThat(result.failureIfFailed().orElseThrow().describe())
                .isEqualTo("plugin 'drf' failed in allocate: java.lang.IllegalStateException: sorter is empty");
    }

    @Test
    void identicalFailuresAreLoggedOnceWithStackAndCounted() {
        for (int i = 0; i < 5; i++) {
            int attempt = i; // a different message is still the same kind of failure
            guard.run(drf, "allocate", () -> {
                throw new IllegalStateException("attempt " + attempt);
            });
        }

        assertThat(log.at(Level.SEVERE)).hasSize(1);
        assertThat(log.at(Level.SEVERE).get(0).getThrown()).isInstanceOf(IllegalStateException.class);
        assertThat(log.at(Level.SEVERE).get(0).getMessage()).contains("drf", "allocate", "IllegalStateException");
        assertThat(guard.consecutiveFailures(drf, "allocate")).isEqualTo(5);
    }

    @Test
    void failingWithAnotherExceptionClassIsLoggedAgain() {
        guard.run(drf, "allocate", () -> {
            throw new IllegalStateException("a");
        });
        guard.run(drf, "allocate", () -> {
            throw new IllegalArgumentException("b");
        });
        guard.run(drf, "allocate", () -> {
            throw new IllegalArgumentException("c");
        });

        List<String> logged = log.at(Level.SEVERE).stream().map(r -> r.getThrown().getMessage()).toList();
        assertThat(logged).containsExactly("a", "b");
        assertThat(log.at(Level.SEVERE).get(1).getMessage()).contains("before that it failed 1 time(s) with java.lang.IllegalStateException");
        assertThat(guard.consecutiveFailures(drf, "allocate")).isEqualTo(2);
    }

    @Test
    void failureInAnotherOperationOrPluginIsLoggedSeparately() {
        guard.run(drf, "allocate", () -> {
            throw new IllegalStateException();
        });
        guard.run(drf, "addAgent", () -> {
            throw new IllegalStateException();
        });
        guard.run(fifo, "allocate", () -> {
            throw new IllegalStateException();
        });

        assertThat(log.at(Level.SEVERE)).hasSize(3);
    }

    @Test
    void recoveryIsLoggedOnceAtInfoAndAFailureAfterItIsLoggedAgain() {
        guard.run(drf, "allocate", () -> {
            throw new IllegalStateException("down");
        });
        guard.run(drf, "allocate", () -> {
            throw new IllegalStateException("down");
        });
        guard.run(drf, "allocate", () -> { });
        guard.run(drf, "allocate", () -> { });

        assertThat(log.at(Level.INFO)).hasSize(1);
        assertThat(log.at(Level.INFO).get(0).getMessage()).contains("drf", "recovered", "after 2 failure(s)");
        assertThat(guard.consecutiveFailures(drf, "allocate")).isZero();

        guard.run(drf, "allocate", () -> {
            throw new IllegalStateException("down again");
        });
        assertThat(log.at(Level.SEVERE)).hasSize(2);
    }

    @Test
    void successOfAnotherOperationIsNotARecovery() {
        guard.run(drf, "allocate", () -> {
            throw new IllegalStateException();
        });
        guard.run(drf, "addAgent", () -> { });

        assertThat(log.at(Level.INFO)).isEmpty();
        assertThat(guard.consecutiveFailures(drf, "allocate")).isEqualTo(1);
    }

    @Test
    void outOfMemoryErrorIsRethrownNotContained() {
        assertThatThrownBy(() -> guard.call(drf, "allocate", () -> {
            throw new OutOfMemoryError("heap");
        })).isInstanceOf(OutOfMemoryError.class).hasMessage("heap");
    }

    @Test
    void linkageErrorOfAHalfUninstalledBundleIsContained() {
        PluginResult<Object> result = guard.call(drf, "allocate", () -> {
            throw new NoClassDefFoundError("io/mezzo/allocator/drf/DrfSorter");
        });

        assertThat(result.failureIfFailed().orElseThrow().exceptionClass()).isEqualTo("java.lang.NoClassDefFoundError");
    }

    @Test
    void stackOverflowInAPluginIsContained() {
        PluginResult<Object> result = guard.call(drf, "allocate", () -> {
            throw new StackOverflowError();
        });

        assertThat(result.failureIfFailed().orElseThrow())
                .isEqualTo(new PluginFailure("drf", "allocate", "java.lang.StackOverflowError", ""));
    }

    @Test
    void voidCallThatReturnsIsOkWithoutValue() {
        AtomicBoolean ran = new AtomicBoolean();

        PluginResult<Void> result = guard.run(drf, "addAgent", () -> ran.set(true));

        assertThat(ran).isTrue();
        assertThat(result).isEqualTo(new PluginResult.Ok<Void>(null));
        assertThat(result.valueIfOk()).isEmpty();
    }

    @Test
    void interruptedPluginCallLeavesTheThreadInterrupted() {
        try {
            PluginResult<Object> result = guard.call(drf, "launch", () -> {
                throw new InterruptedException();
            });

            assertThat(result.isOk()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void concurrentIdenticalFailuresAreLoggedOnce() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    guard.run(drf, "allocate", () -> {
                        throw new IllegalStateException();
                    });
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(log.at(Level.SEVERE)).hasSize(1);
        assertThat(guard.consecutiveFailures(drf, "allocate")).isEqualTo(2000);
    }
}
