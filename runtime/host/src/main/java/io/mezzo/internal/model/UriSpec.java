package io.mezzo.internal.model;

import java.util.Optional;

/** One entry of {@code CommandInfo.uris}: what the fetcher puts in the sandbox before launch. */
public record UriSpec(String value, boolean executable, boolean extract, boolean cache, Optional<String> outputFile) {
    public UriSpec {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("URI value must not be empty");
        }
        outputFile = outputFile == null ? Optional.empty() : outputFile;
    }
}
