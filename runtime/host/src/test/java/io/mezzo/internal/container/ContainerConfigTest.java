package io.mezzo.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerConfigTest {
    @TempDir
    Path base;

    @Test
    void storageAndDeployDirectoriesMayNotExistYetButMustBeCreatable() throws Exception {
        Path bundles = Files.createDirectories(base.resolve("bundles"));

        ContainerConfig config = new ContainerConfig(base.resolve("work/cache"), base.resolve("work/deploy"),
                bundles, bundles, List.of());

        assertThat(config.storageDir()).isEqualTo(base.resolve("work/cache").toAbsolutePath());
        assertThat(config.stopTimeout()).isEqualTo(ContainerConfig.DEFAULT_STOP_TIMEOUT);
        assertThat(base.resolve("work")).doesNotExist(); // validating does not create anything
    }

    @Test
    void missingBundleDirectoryIsNamed() throws Exception {
        Path bundles = Files.createDirectories(base.resolve("bundles"));

        assertThatThrownBy(() -> new ContainerConfig(base.resolve("cache"), base.resolve("deploy"),
                base.resolve("system"), bundles, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system bundle directory " + base.resolve("system") + " does not exist");
    }

    @Test
    void storageDirectoryThatIsAFileIsNamed() throws Exception {
        Path bundles = Files.createDirectories(base.resolve("bundles"));
        Path file = Files.writeString(base.resolve("cache"), "not a directory");

        assertThatThrownBy(() -> new ContainerConfig(file, base.resolve("deploy"), bundles, bundles, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("storage directory " + file + " exists but is not a directory");
    }

    @Test
    void deployDirectoryBelowAFileCannotBeCreated() throws Exception {
        Path bundles = Files.createDirectories(base.resolve("bundles"));
        Path file = Files.writeString(base.resolve("plain"), "x");

        assertThatThrownBy(() -> new ContainerConfig(base.resolve("cache"), file.resolve("deploy"),
                bundles, bundles, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("deploy directory " + file.resolve("deploy") + " cannot be created");
    }

    @Test
    void stopTimeoutMustBePositive() throws Exception {
        Path bundles = Files.createDirectories(base.resolve("bundles"));

        assertThatThrownBy(() -> new ContainerConfig(base.resolve("cache"), base.resolve("deploy"),
                bundles, bundles, List.of(), Duration.ZERO))
                .hasMessageContaining("must be positive");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void hostServiceMustBeOfItsType() {
        Class raw = Greeter.class; // as a caller with erased types could get it wrong

        assertThatThrownBy(() -> new HostService(raw, "not a greeter", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host service java.lang.String is not a " + Greeter.class.getName());
    }
}
