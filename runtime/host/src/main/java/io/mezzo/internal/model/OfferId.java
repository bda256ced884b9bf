package io.mezzo.internal.model;

/** Identifies an offer: {@code <master id>-O<n>}. Offers live only in the leading master's memory. */
public record OfferId(String value) {
    public OfferId {
        if (value == null || value.isEmpty() || value.length() > 255) {
            throw new IllegalArgumentException("offer id must be 1..255 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
