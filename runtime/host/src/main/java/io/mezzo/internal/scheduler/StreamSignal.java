package io.mezzo.internal.scheduler;

import java.net.http.HttpHeaders;

/**
 * What reaches the connection's stream thread, from the HTTP client, its timers and
 * {@code close()}. Each signal of a subscription attempt carries the attempt's number, so
 * signals of an attempt already given up are recognised and dropped.
 */
sealed interface StreamSignal {

    /** The master answered SUBSCRIBE 200: the event stream is open. */
    record Opened(long attempt, HttpHeaders headers) implements StreamSignal {}

    /** One RecordIO record of the event stream. */
    record Record(long attempt, byte[] bytes) implements StreamSignal {}

    /** The master answered SUBSCRIBE with something other than 200; {@code body} is its text. */
    record Answered(long attempt, int status, HttpHeaders headers, String body) implements StreamSignal {}

    /** The attempt's connection ended: cleanly, broken, or never established. */
    record Ended(long attempt, String why) implements StreamSignal {}

    /** No event for too long: the stream is presumed dead. */
    record Silence(long attempt) implements StreamSignal {}

    /** The backoff before the next attempt is over. */
    record Wake(long attempt) implements StreamSignal {}

    /** {@code close()} was called. */
    record Close() implements StreamSignal {}
}
