package io.mezzo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code package} laid out in target/mezzo. */
class DistributionLayoutIT {
    private final Path home = Distribution.home();

    @Test
    void libHoldsTheHostClassPathAndNoBundleMeantForTheFramework() throws Exception {
        List<String> files = new ArrayList<>();
        List<String> symbolicNames = new ArrayList<>();
        for (Path jar : Distribution.jars(home.resolve("lib"))) {
            files.add(jar.getFileName().toString());
            symbolicNames.add(Distribution.symbolicName(jar));
        }

        assertThat(files).anyMatch(f -> f.startsWith("mezzo-runtime-"))
                .anyMatch(f -> f.startsWith("mezzo-spi-"))
                .anyMatch(f -> f.startsWith("org.apache.felix.framework-"))
                .anyMatch(f -> f.startsWith("vertx-core-"))
                .anyMatch(f -> f.startsWith("jackson-databind-"))
                .anyMatch(f -> f.startsWith("hadoop-client-api-"))
                .anyMatch(f -> f.startsWith("hadoop-client-runtime-"));
        assertThat(symbolicNames).doesNotContainAnyElementsOf(Distribution.MEZZO_BUNDLES)
                .doesNotContainAnyElementsOf(Distribution.SYSTEM_BUNDLES);
    }

    @Test
    void systemHoldsTheFiveFrameworkBundles() throws Exception {
        List<String> symbolicNames = new ArrayList<>();
        for (Path jar : Distribution.jars(home.resolve("system"))) {
            symbolicNames.add(Distribution.symbolicName(jar));
        }

        assertThat(symbolicNames).containsExactlyInAnyOrderElementsOf(Distribution.SYSTEM_BUNDLES);
    }

    @Test
    void bundlesHoldsMezzosBundlesUnderStableNames() throws Exception {
        List<Path> jars = Distribution.jars(home.resolve("bundles"));

        assertThat(jars).map(j -> j.getFileName().toString())
                .containsExactly("mezzo-allocator-drf.jar", "mezzo-authenticator.jar", "mezzo-authorizer.jar",
                        "mezzo-hdfs.jar", "mezzo-launcher.jar");
        List<String> symbolicNames = new ArrayList<>();
        for (Path jar : jars) {
            symbolicNames.add(Distribution.symbolicName(jar));
        }
        assertThat(symbolicNames).containsExactlyElementsOf(Distribution.MEZZO_BUNDLES);
    }
}
