package io.mezzo.internal.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Directories for a test container under one temporary directory. */
final class ContainerFixture {
    private ContainerFixture() {
    }

    /** The five system bundles, copied by the build (see runtime/host/pom.xml). */
    static Path systemBundles() {
        Path dir = Path.of(System.getProperty("mezzo.test.systemBundles", "target/system-bundles"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no system bundles at " + dir.toAbsolutePath()
                    + "; run the tests through Maven (generate-test-resources copies them)");
        }
        return dir;
    }

    static ContainerConfig config(Path base, List<HostService<?>> services) throws java.io.IOException {
        return new ContainerConfig(base.resolve("cache"), base.resolve("deploy"), systemBundles(),
                Files.createDirectories(base.resolve("bundles")), services);
    }
}
