package io.mezzo.internal.agent.fetch;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The fetcher cache, as Mesos's: files keyed by (user, URI), downloaded at most once while
 * they stay cached, evicted least-recently-used first to stay within a byte bound, emptied when
 * the agent starts, never refreshed (a changed resource needs a new URI).
 *
 * <p>Space is reserved with the size the origin announced before the download starts; when it
 * cannot be found (even after evicting every entry not in use), the caller fetches directly.
 * Concurrent fetches of one key share one download: the others wait for it, at most
 * {@code waitLimit}, and then fetch directly. Entries being downloaded or read are never evicted.
 *
 * <p>Thread-safe: the bookkeeping is under this object's lock, downloads and copies are not.
 */
final class FetcherCache {
    private static final Logger LOG = System.getLogger(FetcherCache.class.getName());

    /** One cached file per user and URI; no user counts as a user of its own, as in Mesos. */
    record Key(Optional<String> user, String uri) {}

    /** A download into the cache. */
    @FunctionalInterface
    interface Download {
        void into(Path file) throws FetchException;
    }

    private final Path dir;
    private final long capacity;
    private final Duration waitLimit;
    // Guarded by this. Access order: the first entry is the least recently used.
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long reserved;
    private long counter;

    private final class Entry {
        final Key key;
        final Path file;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        long size;
        int users;
        boolean removed;

        Entry(Key key, Path file, long size) {
            this.key = key;
            this.file = file;
            this.size = size;
        }
    }

    /** A cached file in use; closing it lets the entry be evicted again. */
    final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        Path file() {
            return entry.file;
        }

        @Override
        public void close() {
            synchronized (FetcherCache.this) {
                if (closed) {
                    return;
                }
                closed = true;
                entry.users--;
                if (entry.removed && entry.users == 0) {
                    delete(entry);
                }
            }
        }
    }

    /** Opens the cache in {@code dir}, deleting whatever a previous agent left there. */
    FetcherCache(Path dir, long capacity, Duration waitLimit) throws IOException {
        this.dir = dir;
        this.capacity = capacity;
        this.waitLimit = waitLimit;
        clear(dir);
        Files.createDirectories(dir);
    }

    long capacity() {
        return capacity;
    }

    /** Bytes held or reserved now. */
    synchronized long used() {
        return reserved;
    }

    /** Fetches using (downloading, waiting for, or copying) the entry now; for tests and logs. */
    synchronized int users(Key key) {
        Entry e = entries.get(key);
        return e == null ? 0 : e.users;
    }

    synchronized boolean contains(Key key) {
        Entry e = entries.get(key);
        return e != null && e.ready.isDone() && !e.ready.isCompletedExceptionally();
    }

    /**
     * The cached file for {@code key}, downloading it with {@code download} when it is not
     * cached. Empty when it cannot be cached ({@code size} does not fit even after eviction, or
     * waiting for another download took too long): the caller then fetches directly.
     *
     * @throws FetchException when the download (this one or the one waited for) failed
     */
    Optional<Lease> acquire(Key key, long size, Download download) throws FetchException {
        Entry entry;
        boolean downloader;
        synchronized (this) {
            entry = entries.get(key);
            downloader = entry == null;
            if (downloader) {
                if (!makeRoom(size)) {
                    LOG.log(Level.INFO, "'" + key.uri() + "' (" + size + " bytes) does not fit in the fetcher cache ("
                            + reserved + " of " + capacity + " bytes used); fetching it directly");
                    return Optional.empty();
                }
                entry = new Entry(key, dir.resolve("c" + (++counter)), size);
                entries.put(key, entry);
                reserved += size;
            }
            entry.users++;
        }
        Lease lease = new Lease(entry);
        if (downloader) {
            fill(entry, lease, download);
            return Optional.of(lease);
        }
        return await(entry, lease);
    }

    private void fill(Entry entry, Lease lease, Download download) throws FetchException {
        try {
            download.into(entry.file);
            long actual = Files.size(entry.file);
            synchronized (this) {
                reserved += actual - entry.size;
                entry.size = actual;
                if (reserved > capacity) {
                    // Larger than announced: serve it this once, then drop it (as Mesos does).
                    evict(entry);
                }
            }
            entry.ready.complete(null);
        } catch (FetchException | IOException | RuntimeException e) {
            synchronized (this) {
                evict(entry);
            }
            lease.close();
            entry.ready.completeExceptionally(e);
            if (e instanceof FetchException f) {
                throw f;
            }
            throw new FetchException(entry.key.uri(), "cannot store it in the fetcher cache: " + e, e);
        }
    }

    private Optional<Lease> await(Entry entry, Lease lease) throws FetchException {
        try {
            entry.ready.get(waitLimit.toNanos(), TimeUnit.NANOSECONDS);
            touch(entry);
            return Optional.of(lease);
        } catch (TimeoutException e) {
            lease.close();
            LOG.log(Level.WARNING, "gave up waiting " + waitLimit + " for another download of '" + entry.key.uri()
                    + "' into the fetcher cache; fetching it directly");
            return Optional.empty();
        } catch (ExecutionException e) {
            lease.close();
            Throwable cause = e.getCause();
            if (cause instanceof FetchException f) {
                throw new FetchException(entry.key.uri(), f.reason(), f);
            }
            throw new FetchException(entry.key.uri(), "the cached download failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lease.close();
            throw new FetchException(entry.key.uri(), "interrupted while waiting for the fetcher cache");
        }
    }

    private synchronized void touch(Entry entry) {
        if (!entry.removed) {
            entries.get(entry.key); // access order: now the most recently used
        }
    }

    /** Evicts unused entries, least recently used first, until {@code size} more bytes fit. */
    private boolean makeRoom(long size) {
        if (size > capacity) {
            return false;
        }
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (reserved + size > capacity && it.hasNext()) {
            Entry candidate = it.next().getValue();
            if (candidate.users == 0) {
                it.remove();
                candidate.removed = true;
                reserved -= candidate.size;
                LOG.log(Level.DEBUG, "evicting '" + candidate.key.uri() + "' from the fetcher cache");
                delete(candidate);
            }
        }
        return reserved + size <= capacity;
    }

    /** Takes an entry out of the cache; its file goes once the last user is done. */
    private void evict(Entry entry) {
        if (entry.removed) {
            return;
        }
        entry.removed = true;
        entries.remove(entry.key, entry);
        reserved -= entry.size;
        if (entry.users == 0) {
            delete(entry);
        }
    }

    private static void delete(Entry entry) {
        try {
            Files.deleteIfExists(entry.file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete fetcher cache file " + entry.file + ": " + e);
        }
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
