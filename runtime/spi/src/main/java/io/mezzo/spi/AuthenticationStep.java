package io.mezzo.spi;

import java.time.Duration;
import java.util.Arrays;

/** Where an authentication stands after a step. */
public sealed interface AuthenticationStep {

    /** The client must answer {@code data} (raw bytes; the host encodes them for the wire). */
    record Challenge(byte[] data) implements AuthenticationStep {
        public Challenge {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Challenge c && Arrays.equals(data, c.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Challenge[" + data.length + " bytes]";
        }
    }

    /** The caller is {@code principal}. */
    record Authenticated(String principal) implements AuthenticationStep {
        public Authenticated {
            if (principal == null || principal.isEmpty()) {
                throw new IllegalArgumentException("an authenticated principal must not be empty");
            }
        }
    }

    /**
     * Refused. {@code reason} is safe to show the client (it names no secret and does not say
     * whether the principal exists); {@code delay} is how long the host holds the answer back,
     * which slows down repeated guessing (zero for a first failure).
     */
    record Refused(String reason, Duration delay) implements AuthenticationStep {
        public Refused {
            if (reason == null || delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("a refusal needs a reason and a delay >= 0");
            }
        }
    }
}
