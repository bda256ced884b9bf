package io.mezzo.internal.cli;

import io.mezzo.internal.runtime.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Mesos-style durations on the command line. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
