package io.mezzo.internal.agent.fetch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the agent fetches {@code CommandInfo.uris}.
 *
 * @param frameworksHome where relative local paths are resolved ({@code --frameworks-home});
 *                       without it a relative path is an error
 * @param cacheDir       the fetcher cache's directory ({@code --fetcher-cache-dir}); empty means
 *                       {@code <work-dir>/fetch-cache}. Cleared when the agent starts.
 * @param cacheSize      the cache's bound in bytes ({@code --fetcher-cache-size}, Mesos default
 *                       2GB); 0 disables the cache
 * @param stallTimeout   an HTTP download that receives no byte for this long fails
 *                       ({@code --fetcher-stall-timeout}, Mesos default 60secs); also the
 *                       connect timeout. Real time: a library timeout, not the agent's clock.
 */
public record FetcherConfig(Optional<Path> frameworksHome, Optional<Path> cacheDir, long cacheSize,
                            Duration stallTimeout) {
    public static final long DEFAULT_CACHE_SIZE = 2L << 30;
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_CACHE_DIR_NAME = "fetch-cache";

    public FetcherConfig {
        if (frameworksHome == null || cacheDir == null) {
            throw new IllegalArgumentException("fetcher config needs a frameworks home (or none) and a cache dir"
                    + " (or none)");
        }
        frameworksHome = frameworksHome.map(p -> p.toAbsolutePath().normalize());
        cacheDir = cacheDir.map(p -> p.toAbsolutePath().normalize());
        if (cacheSize < 0) {
            throw new IllegalArgumentException("fetcher cache size must not be negative, not " + cacheSize);
        }
        if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("fetcher stall timeout must be positive, not " + stallTimeout);
        }
    }

    /** Mesos's defaults: no frameworks home, the cache in the work directory, 2GB, 60 s stall timeout. */
    public static FetcherConfig defaults() {
        return new FetcherConfig(Optional.empty(), Optional.empty(), DEFAULT_CACHE_SIZE, DEFAULT_STALL_TIMEOUT);
    }

    public FetcherConfig withFrameworksHome(Path home) {
        return new FetcherConfig(Optional.of(home), cacheDir, cacheSize, stallTimeout);
    }

    public FetcherConfig withCache(Optional<Path> dir, long size) {
        return new FetcherConfig(frameworksHome, dir, size, stallTimeout);
    }

    public FetcherConfig withStallTimeout(Duration timeout) {
        return new FetcherConfig(frameworksHome, cacheDir, cacheSize, timeout);
    }

    /** The cache directory for an agent working in {@code workDir}. */
    public Path cacheDirIn(Path workDir) {
        return cacheDir.orElseGet(() -> workDir.toAbsolutePath().normalize().resolve(DEFAULT_CACHE_DIR_NAME));
    }
}
