package io.mezzo.internal.agent.fetch;

import io.mezzo.spi.HdfsClient;
import io.mezzo.spi.HdfsException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Copies an {@link Origin} to a local file and probes its size (for the cache). Blocking:
 * fetcher workers only. Every failure is a {@link FetchException} naming the URI.
 */
final class Downloader {
    private final HttpClient http;
    private final Duration stallTimeout;
    private final HdfsClient hdfs;

    Downloader(Duration stallTimeout, HdfsClient hdfs) {
        this.stallTimeout = stallTimeout;
        this.hdfs = hdfs;
        this.http = HttpClient.newBuilder()
                .connectTimeout(stallTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Copies {@code origin} to {@code target}, replacing it. */
    void download(String uri, Origin origin, Path target) throws FetchException {
        try {
            if (origin instanceof Origin.Local local) {
                copyLocal(uri, local.path(), target);
            } else if (origin instanceof Origin.Http web) {
                new HttpDownload(http, stallTimeout).download(uri, web.uri(), target);
            } else if (origin instanceof Origin.Hdfs dfs) {
                Files.deleteIfExists(target);
                hdfs.copyToLocal(dfs.uri(), target);
            } else {
                throw new IllegalStateException("unknown origin " + origin);
            }
        } catch (HdfsException e) {
            throw new FetchException(uri, "HDFS " + e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FetchException(uri, "cannot write " + target.getFileName() + ": " + e, e);
        }
    }

    /** The size the origin reports, or empty when it cannot say (then the cache is bypassed, as in Mesos). */
    OptionalLong size(Origin origin) {
        try {
            if (origin instanceof Origin.Local local) {
                return OptionalLong.of(Files.size(local.path()));
            } else if (origin instanceof Origin.Http web) {
                HttpRequest head = HttpRequest.newBuilder(web.uri()).timeout(stallTimeout)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
                HttpResponse<Void> response = http.send(head, HttpResponse.BodyHandlers.discarding());
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                // Mesos: the reported size must be greater than zero, else the URI is not cacheable.
                return response.statusCode() == 200 && length.isPresent() && length.getAsLong() > 0
                        ? length : OptionalLong.empty();
            } else if (origin instanceof Origin.Hdfs dfs) {
                return OptionalLong.of(hdfs.du(dfs.uri()));
            }
            return OptionalLong.empty();
        } catch (IOException | HdfsException | RuntimeException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private static void copyLocal(String uri, Path source, Path target) throws FetchException, IOException {
        if (Files.isDirectory(source)) {
            throw new FetchException(uri, "'" + source + "' is a directory, not a file");
        }
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            if (e.getFile() != null && Path.of(e.getFile()).equals(source)) {
                throw new FetchException(uri, "no such file '" + source + "'", e);
            }
            throw e;
        } catch (java.nio.file.AccessDeniedException e) {
            throw new FetchException(uri, "permission denied reading '" + source + "'", e);
        }
    }

    /** Says what kind of network failure happened, for the task's message. */
    static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response in time";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
