package io.mezzo.internal.agent.fetch;

import io.mezzo.internal.runtime.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP GET into a file, with Mesos's stall timeout: the download fails when no byte
 * arrives for {@code stallTimeout} (curl's {@code --speed-time} in Mesos). The body is written
 * as it arrives, so a large file never sits in memory.
 */
final class HttpDownload {
    private final HttpClient http;
    private final Duration stallTimeout;

    HttpDownload(HttpClient http, Duration stallTimeout) {
        this.http = http;
        this.stallTimeout = stallTimeout;
    }

    void download(String uri, URI url, Path target) throws FetchException, IOException {
        // No request timeout: it would also cut a slow but moving body. The stall check covers
        // the wait for the headers as well as for each part of the body.
        HttpRequest get = HttpRequest.newBuilder(url).GET().build();
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ToFile body = new ToFile(out);
            CompletableFuture<HttpResponse<Void>> response = http.sendAsync(get, info -> {
                if (info.statusCode() != 200) {
                    return HttpResponse.BodySubscribers.replacing(null);
                }
                return body;
            });
            await(uri, response, body);
            int status = response.join().statusCode();
            if (status != 200) {
                throw new FetchException(uri, "the server answered HTTP " + status + " (expected 200)");
            }
        }
    }

    /** Waits while bytes keep coming; a whole stall period without one fails the download. */
    private void await(String uri, CompletableFuture<HttpResponse<Void>> response, ToFile body)
            throws FetchException {
        long seen = -1;
        while (true) {
            try {
                response.get(stallTimeout.toNanos(), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                long now = body.received.get();
                if (now == seen) {
                    response.cancel(true);
                    body.cancel();
                    throw new FetchException(uri, "the download stalled: no data for "
                            + Durations.format(stallTimeout) + " (--fetcher-stall-timeout) after " + now + " bytes");
                }
                seen = now;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String why = cause instanceof IOException io ? Downloader.describe(io) : String.valueOf(cause);
                throw new FetchException(uri, "download failed: " + why, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.cancel(true);
                body.cancel();
                throw new FetchException(uri, "interrupted while downloading");
            }
        }
    }

    /** Writes the body to the file as it arrives and counts the bytes for the stall check. */
    private static final class ToFile implements HttpResponse.BodySubscriber<Void> {
        private final FileChannel out;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicLong received = new AtomicLong();
        private volatile Flow.Subscription subscription;

        ToFile(FileChannel out) {
            this.out = out;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer b : buffers) {
                    received.addAndGet(b.remaining());
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                }
                subscription.request(1);
            } catch (IOException e) {
                subscription.cancel();
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> getBody() {
            return done;
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
