package io.mezzo.spi;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

/**
 * What the host gives an authenticator.
 *
 * @param credentials the master's {@code --credentials} file in Mesos's JSON format
 *                    ({@code {"credentials":[{"principal":..,"secret":..}]}}); without one
 *                    every authentication is refused
 * @param clock       the only clock the authenticator reads (for slowing down repeated
 *                    failures); tests advance it
 */
public record AuthenticationSettings(Optional<Path> credentials, InstantSource clock) {
    public AuthenticationSettings {
        if (credentials == null || clock == null) {
            throw new IllegalArgumentException("authentication settings need a credentials file (or none) and a clock");
        }
    }
}
