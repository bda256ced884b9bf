package io.mezzo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.internal.container.ContainerConfig;
import io.mezzo.internal.container.MezzoContainer;
import io.mezzo.internal.container.Plugin;
import io.mezzo.internal.container.PluginSlot;
import io.mezzo.spi.Allocator;
import io.mezzo.spi.Launcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real host path, without Pax Exam: MezzoContainer over the distribution's directories. */
class HostOnDistributionIT {

    @Test
    void containerStartsTheDistributionWithoutProblemsAndFillsBothSlots() throws Exception {
        Path home = Distribution.home();
        Path work = Distribution.work("host");
        ContainerConfig config = new ContainerConfig(work.resolve("cache"), work.resolve("deploy"),
                home.resolve("system"), home.resolve("bundles"), List.of());

        try (MezzoContainer container = MezzoContainer.start(config)) {
            assertThat(container.problems()).isEmpty();
            PluginSlot<Allocator> allocators = container.slot(Allocator.class);
            PluginSlot<Launcher> launchers = container.slot(Launcher.class);

            assertThat(awaitName(allocators)).contains("drf");
            assertThat(awaitName(launchers)).contains("process");
        }
    }

    /** Declarative Services may register a component a moment after its bundle started. */
    private static Optional<String> awaitName(PluginSlot<?> slot) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (slot.current().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return slot.current().map(Plugin::name);
    }
}
