package io.mezzo.launcher;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.mezzo.api.CommandSpec;
import io.mezzo.api.ContainerId;
import io.mezzo.api.LaunchSpec;
import io.mezzo.api.Resources;
import io.mezzo.api.Termination;
import io.mezzo.spi.RunningContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixtures and bounded waits shared by the tests that run real processes. */
final class Tasks {
    static final Map<String, String> PATH_ONLY = Map.of("PATH", "/usr/bin:/bin");
    private static final long WAIT_NANOS = SECONDS.toNanos(10);
    private static final AtomicInteger IDS = new AtomicInteger();

    private Tasks() {
    }

    static LaunchSpec shell(Path sandbox, String command) {
        return spec(sandbox, CommandSpec.shell(command), PATH_ONLY, Optional.empty());
    }

    static LaunchSpec spec(Path sandbox, CommandSpec command, Map<String, String> environment,
                           Optional<String> user) {
        return new LaunchSpec(ContainerId.of("container-" + IDS.incrementAndGet()), sandbox, command,
                environment, user, Resources.empty());
    }

    static Termination awaitTermination(RunningContainer container) throws Exception {
        return container.termination().toCompletableFuture().get(10, SECONDS);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The first line a task writes to {@code file}, once it is complete. */
    static String awaitFirstLine(Path file) throws Exception {
        return awaitLines(file, 1).get(0);
    }

    /** The first {@code count} complete lines a task writes to {@code file}. */
    static List<String> awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = read(file);
                List<String> lines = List.of(text.substring(0, text.lastIndexOf('\n') + 1).split("\n", -1));
                if (lines.size() > count) { // the split leaves "" after the last newline
                    return lines.subList(0, count);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError(count + " lines not written to " + file + " within 10 s");
    }

    /**
     * Whether {@code pid} is a live process. A killed orphan may stay a zombie here (PID 1 of
     * this machine need not reap), so a zombie counts as gone.
     */
    static boolean isRunning(long pid) {
        return stat(pid).map(fields -> !fields.get(0).equals("Z") && !fields.get(0).equals("X")).orElse(false);
    }

    /** Waits until {@code pid} has ended; kills it and fails the test if it does not. */
    static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            if (!isRunning(pid)) {
                return;
            }
            Thread.sleep(10);
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        throw new AssertionError("process " + pid + " still runs 10 s later");
    }

    /** Field 5 of /proc/pid/stat, read independently of the code under test. */
    static long processGroupOf(long pid) {
        return Long.parseLong(stat(pid).orElseThrow().get(2));
    }

    /** Field 6 of /proc/pid/stat. */
    static long sessionOf(long pid) {
        return Long.parseLong(stat(pid).orElseThrow().get(3));
    }

    /** The fields of /proc/pid/stat after the command name: state, ppid, pgrp, session, ... */
    private static Optional<List<String>> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            return Optional.of(List.of(line.substring(line.lastIndexOf(')') + 2).split(" ")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
