package io.mezzo.internal.model;

import java.util.Optional;

/** A key/value label ({@code Label}); the value is optional, as in Mesos. */
public record Label(String key, Optional<String> value) {
    public Label {
        if (key == null) {
            throw new IllegalArgumentException("label key must not be null");
        }
        value = value == null ? Optional.empty() : value;
    }
}
