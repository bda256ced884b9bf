package io.mezzo.internal.hosting;

import io.mezzo.internal.actor.ActorThread;
import io.mezzo.internal.js.ScriptException;
import io.mezzo.internal.js.ScriptSource;
import io.mezzo.internal.json.MezzoJson;
import io.mezzo.internal.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hosts the framework scripts dropped into the master's deploy directory (the directory the
 * plugin container watches for jars): every top-level {@code *.js} file there runs as a hosted
 * framework, its task scripts resolved relative to the directory. A new file is started, a
 * changed one (other content, not merely a new mtime) is stopped and started again, a deleted
 * one is stopped. A new or changed file is acted on once two scans in a row saw the same
 * modification time and size, so a file still being written is not started half-written. A
 * file that does not load is listed as FAILED and logged once per version.
 *
 * <p>The directory is read every {@link #PERIOD} on this watch's own thread; the timer only
 * hands the scan to it.
 */
public final class DeployedScripts implements AutoCloseable {
    private static final Logger LOG = System.getLogger(DeployedScripts.class.getName());
    public static final Duration PERIOD = Duration.ofSeconds(1);

    private final Path directory;
    private final HostedFrameworks hosted;
    private final TimeSource time;
    private final ActorThread actor = new ActorThread("mezzo-deployed-scripts");
    private final Map<Path, Tracked> tracked = new HashMap<>(); // actor only
    private final Map<Path, Version> settling = new HashMap<>(); // actor only: seen once, not yet acted on
    private volatile boolean closed;
    private volatile TimeSource.Cancellable timer = () -> { };

    public DeployedScripts(Path directory, HostedFrameworks hosted, TimeSource time) {
        this.directory = directory.toAbsolutePath().normalize();
        this.hosted = hosted;
        this.time = time;
    }

    /** Scans now, then every {@link #PERIOD}. */
    public DeployedScripts start() {
        LOG.log(Level.INFO, () -> "hosting framework scripts (*.js) dropped into " + directory);
        schedule(Duration.ZERO);
        return this;
    }

    private void schedule(Duration delay) {
        if (!closed) {
            timer = time.schedule(delay, () -> {
                try {
                    actor.execute(() -> {
                        scan();
                        schedule(PERIOD);
                    });
                } catch (RejectedExecutionException e) {
                    // closed meanwhile
                }
            });
        }
    }

    /** Completes once the scans queued so far have run; for tests. */
    CompletableFuture<Void> idle() {
        return actor.ask(() -> null);
    }

    private void scan() {
        if (closed) {
            return;
        }
        Map<Path, Version> present = list();
        settling.keySet().retainAll(present.keySet());
        for (Map.Entry<Path, Version> file : present.entrySet()) {
            Tracked known = tracked.get(file.getKey());
            if (known != null && known.version.sameAs(file.getValue())) {
                settling.remove(file.getKey());
                continue;
            }
            Version seen = settling.put(file.getKey(), file.getValue());
            if (seen == null || !seen.sameAs(file.getValue())) {
                continue; // new or still changing: look again next scan
            }
            settling.remove(file.getKey());
            if (known == null) {
                tracked.put(file.getKey(), launch(file.getKey(), file.getValue(), "new"));
            } else {
                Version changed = file.getValue().withHash(hash(file.getKey()));
                if (known.version.hash.equals(changed.hash)) {
                    tracked.put(file.getKey(), new Tracked(changed, known.started));
                } else {
                    stop(known, file.getKey().getFileName() + " changed; restarting it");
                    tracked.put(file.getKey(), launch(file.getKey(), changed, "changed"));
                }
            }
        }
        tracked.entrySet().removeIf(e -> {
            if (present.containsKey(e.getKey())) {
                return false;
            }
            LOG.log(Level.INFO, () -> "framework script " + e.getKey().getFileName() + " was deleted; stopping it");
            stop(e.getValue(), e.getKey().getFileName() + " was deleted from the deploy directory");
            return true;
        });
    }

    private Tracked launch(Path file, Version version, String why) {
        Version hashed = version.hash.isEmpty() ? version.withHash(hash(file)) : version;
        String name = file.getFileName().toString();
        ScriptSource script;
        try {
            script = ScriptSource.of(file);
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "cannot read framework script " + file + ": " + e.getMessage());
            hosted.failed(name, Hosted.Origin.DEPLOY_DIR, e.getMessage());
            return new Tracked(hashed, CompletableFuture.failedFuture(e));
        }
        LOG.log(Level.INFO, () -> "starting " + why + " framework script " + name + " from the deploy directory");
        // By file: a script that ran from this file before a failover resumes as the same framework.
        CompletableFuture<Hosted> started = hosted.submitDeployed(script, MezzoJson.mapper().createObjectNode());
        started.whenComplete((h, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                String reason = cause instanceof ScriptException ? cause.getMessage()
                        : name + ": cannot be started: " + cause.getMessage();
                // Each version of a file is started once, so this is logged once per version.
                LOG.log(Level.WARNING, "framework script in the deploy directory does not load: " + reason);
                hosted.failed(name, Hosted.Origin.DEPLOY_DIR, reason);
            }
        });
        return new Tracked(hashed, started);
    }

    private void stop(Tracked tracked, String reason) {
        tracked.started.thenAccept(h -> hosted.stop(h.id(), reason));
    }

    /** The top-level regular {@code *.js} files and their mtime and size. */
    private Map<Path, Version> list() {
        Map<Path, Version> files = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.js")) {
            for (Path file : stream) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()) {
                        files.put(file, new Version(attributes.lastModifiedTime().toMillis(), attributes.size(), ""));
                    }
                } catch (IOException e) {
                    // Deleted between listing and reading: it is gone.
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list the deploy directory " + directory + ": " + e.getMessage());
        }
        return files;
    }

    private static String hash(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.cancel();
        actor.close();
    }

    private record Version(long mtime, long size, String hash) {
        boolean sameAs(Version other) {
            return mtime == other.mtime && size == other.size;
        }

        Version withHash(String h) {
            return new Version(mtime, size, h);
        }
    }

    private record Tracked(Version version, CompletableFuture<Hosted> started) {
    }
}
