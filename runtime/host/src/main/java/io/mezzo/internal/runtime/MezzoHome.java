package io.mezzo.internal.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the distribution lives ({@code lib/}, {@code system/}, {@code bundles/}): the
 * {@code mezzo.home} system property (the start script sets it), else the directory above
 * the jar this class was loaded from.
 */
public final class MezzoHome {
    private MezzoHome() {}

    public static Path locate() {
        String property = System.getProperty("mezzo.home");
        if (property != null && !property.isBlank()) {
            return check(Path.of(property));
        }
        return fromCodeSource().map(MezzoHome::check).orElseThrow(() -> new IllegalStateException(
                "cannot find the Mezzo distribution: set -Dmezzo.home=<dir with lib/, system/, bundles/>"
                        + " or start Mezzo with scripts/mezzo"));
    }

    private static Optional<Path> fromCodeSource() {
        try {
            Path jar = Path.of(MezzoHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = jar.getParent();
            return lib != null && lib.getFileName().toString().equals("lib") ? Optional.of(lib.getParent())
                    : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path check(Path home) {
        for (String dir : new String[] {"system", "bundles"}) {
            if (!Files.isDirectory(home.resolve(dir))) {
                throw new IllegalStateException("'" + home + "' is not a Mezzo distribution: no " + dir + "/ directory");
            }
        }
        return home.toAbsolutePath().normalize();
    }
}
