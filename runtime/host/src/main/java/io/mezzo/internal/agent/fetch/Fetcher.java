package io.mezzo.internal.agent.fetch;

import io.mezzo.internal.model.UriSpec;
import io.mezzo.spi.HdfsClient;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Puts a task's {@code CommandInfo.uris} into its sandbox before the launch, one after the
 * other, with Mesos's semantics: each URI is copied (local path or {@code file://}),
 * downloaded ({@code http(s)://}) or read from HDFS ({@code hdfs://}) to its basename or
 * {@code output_file}; then made executable ({@code executable}, no extraction) or unpacked
 * ({@code extract}, by file name). With {@code cache} it goes through the {@link FetcherCache}.
 *
 * <p>Blocking: call it on a worker, never on the agent's actor or an event loop. Its network
 * timeouts (stall, connect, HDFS) are real-time library timeouts, not the agent's clock.
 */
public final class Fetcher {
    private static final Logger LOG = System.getLogger(Fetcher.class.getName());
    /** How long a fetch waits for another task's download of the same cached URI. */
    static final Duration CACHE_WAIT_LIMIT = Duration.ofMinutes(30);

    private final FetcherConfig config;
    private final Downloader downloader;
    private final Optional<FetcherCache> cache;

    private Fetcher(FetcherConfig config, Downloader downloader, Optional<FetcherCache> cache) {
        this.config = config;
        this.downloader = downloader;
        this.cache = cache;
    }

    /**
     * A fetcher for an agent working in {@code workDir}; empties the cache directory (as a
     * starting Mesos agent does). {@code hdfs} serves {@code hdfs://} URIs.
     *
     * @throws IOException when the cache directory cannot be emptied or created
     */
    public static Fetcher start(FetcherConfig config, Path workDir, HdfsClient hdfs) throws IOException {
        return start(config, workDir, hdfs, CACHE_WAIT_LIMIT);
    }

    static Fetcher start(FetcherConfig config, Path workDir, HdfsClient hdfs, Duration cacheWait) throws IOException {
        Optional<FetcherCache> cache = config.cacheSize() == 0 ? Optional.empty()
                : Optional.of(new FetcherCache(config.cacheDirIn(workDir), config.cacheSize(), cacheWait));
        return new Fetcher(config, new Downloader(config.stallTimeout(), hdfs), cache);
    }

    Optional<FetcherCache> cache() {
        return cache;
    }

    /**
     * Fetches every URI into {@code sandbox}, in order; the first failure stops the fetch.
     *
     * @param user the task's user (CommandInfo's, else the framework's): part of the cache key
     * @throws FetchException naming the URI that failed and why
     */
    public void fetch(List<UriSpec> uris, Path sandbox, Optional<String> user) throws FetchException {
        for (UriSpec uri : uris) {
            fetchOne(uri, sandbox, user);
        }
    }

    private void fetchOne(UriSpec uri, Path sandbox, Optional<String> user) throws FetchException {
        Origin origin = Origin.parse(uri.value(), config.frameworksHome());
        String name = uri.outputFile().isPresent() ? uri.outputFile().get() : origin.basename();
        Path destination = destination(uri, sandbox, name);
        LOG.log(Level.INFO, "fetching '" + uri.value() + "' into " + destination);
        if (uri.cache() && cache.isPresent() && fetchThroughCache(uri, origin, cache.get(), sandbox, destination,
                user)) {
            return;
        }
        downloader.download(uri.value(), origin, destination);
        if (uri.executable()) {
            makeExecutable(uri, destination);
        } else if (uri.extract()) {
            extract(uri, destination, destination.getFileName().toString(), sandbox);
        }
    }

    /** True when served from the cache; false to fetch directly (the URI's size is unknown or does not fit). */
    private boolean fetchThroughCache(UriSpec uri, Origin origin, FetcherCache cache, Path sandbox,
                                      Path destination, Optional<String> user) throws FetchException {
        OptionalLong size = downloader.size(origin);
        if (size.isEmpty()) {
            LOG.log(Level.WARNING, "cannot tell the size of '" + uri.value() + "'; fetching it without the cache");
            return false;
        }
        FetcherCache.Key key = new FetcherCache.Key(user, uri.value());
        Optional<FetcherCache.Lease> lease = cache.acquire(key, size.getAsLong(),
                file -> downloader.download(uri.value(), origin, file));
        if (lease.isEmpty()) {
            return false;
        }
        try (FetcherCache.Lease l = lease.get()) {
            String name = destination.getFileName().toString();
            // As Mesos: an archive from the cache is unpacked only, never copied as well.
            if (!uri.executable() && uri.extract() && Extractor.kindOf(name).isPresent()) {
                extract(uri, l.file(), name, sandbox);
                return true;
            }
            try {
                Files.copy(l.file(), destination, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new FetchException(uri.value(), "cannot copy it from the fetcher cache: " + e, e);
            }
        }
        if (uri.executable()) {
            makeExecutable(uri, destination);
        }
        return true;
    }

    /** Where the fetch result goes: the basename, or {@code output_file}, which must stay in the sandbox. */
    private static Path destination(UriSpec uri, Path sandbox, String name) throws FetchException {
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            throw new FetchException(uri.value(), "invalid output file '" + name + "': " + e.getReason());
        }
        if (relative.isAbsolute()) {
            throw new FetchException(uri.value(), "output file '" + name + "' must be a relative path");
        }
        for (Path segment : relative) {
            if (segment.toString().equals("..")) {
                throw new FetchException(uri.value(), "output file '" + name + "' must not contain '..'");
            }
        }
        Path destination = sandbox.resolve(relative).normalize();
        if (!destination.startsWith(sandbox) || destination.equals(sandbox)) {
            throw new FetchException(uri.value(), "output file '" + name + "' must name a file in the sandbox");
        }
        try {
            Files.createDirectories(destination.getParent());
            if (!destination.getParent().toRealPath().startsWith(sandbox.toRealPath())) {
                throw new FetchException(uri.value(), "output file '" + name + "' leads outside the sandbox");
            }
        } catch (IOException e) {
            throw new FetchException(uri.value(), "cannot create the directory of '" + name + "': " + e, e);
        }
        return destination;
    }

    private static void makeExecutable(UriSpec uri, Path file) throws FetchException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new FetchException(uri.value(), "cannot make " + file.getFileName() + " executable: " + e, e);
        }
    }

    private static void extract(UriSpec uri, Path archive, String name, Path sandbox) throws FetchException {
        try {
            if (!Extractor.extract(archive, name, sandbox)) {
                LOG.log(Level.DEBUG, "'" + uri.value() + "' is not an archive by its name; kept as it is");
            }
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new FetchException(uri.value(), "cannot extract " + name + ": " + why, e);
        }
    }
}
