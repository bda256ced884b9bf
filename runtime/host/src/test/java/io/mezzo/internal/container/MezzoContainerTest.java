package io.mezzo.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.ContainerId;
import io.mezzo.api.LaunchSpec;
import io.mezzo.internal.container.BundleProblem.Origin;
import io.mezzo.internal.container.testplugin.FailingActivator;
import io.mezzo.internal.container.testplugin.StubLauncherActivator;
import io.mezzo.internal.testkit.LogCapture;
import io.mezzo.spi.Launcher;
import io.mezzo.spi.RunningContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class MezzoContainerTest {
    private static final Map<String, String> IMPORTS_MISSING_PACKAGE =
            Map.of("Import-Package", "io.mezzo.test.missing;version=\"[1.0,2)\"");

    @TempDir
    Path base;
    private MezzoContainer container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void systemBundlesAreActiveAndHostServicesAreRegistered() throws Exception {
        Greeter hello = () -> "hello";
        container = MezzoContainer.start(ContainerFixture.config(base, List.of(HostService.of(Greeter.class, hello))));
        BundleContext context = container.bundleContext();

        assertThat(container.problems()).isEmpty();
        List<String> active = Arrays.stream(context.getBundles())
                .filter(b -> b.getBundleId() > 0 && b.getState() == Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).toList();
        assertThat(active).containsExactlyInAnyOrderElementsOf(MezzoContainer.SYSTEM_BUNDLES);
        assertThat(context.getService(context.getServiceReference(Greeter.class))).isSameAs(hello);
    }

    @Test
    void unresolvedMezzoBundleIsReportedByNameAndReasonWhileTheOthersRun() throws Exception {
        ContainerConfig config = ContainerFixture.config(base, List.of());
        TestBundles.write(config.mezzoBundlesDir().resolve("broken.jar"), "io.mezzo.broken", IMPORTS_MISSING_PACKAGE);
        TestBundles.write(config.mezzoBundlesDir().resolve("fine.jar"), "io.mezzo.fine", Map.of());

        container = MezzoContainer.start(config);

        assertThat(container.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(Origin.MEZZO);
            assertThat(problem.symbolicName()).isEqualTo("io.mezzo.broken");
            assertThat(problem.reason()).contains("io.mezzo.test.missing");
        });
        assertThat(stateOf("io.mezzo.fine")).contains(Bundle.ACTIVE);
    }

    @Test
    void missingSystemBundleIsReported() throws Exception {
        Path partial = Files.createDirectories(base.resolve("system"));
        try (var jars = Files.list(ContainerFixture.systemBundles())) {
            for (Path jar : jars.filter(j -> !j.getFileName().toString().contains("fileinstall")).toList()) {
                Files.copy(jar, partial.resolve(jar.getFileName()));
            }
        }
        ContainerConfig full = ContainerFixture.config(base, List.of());
        ContainerConfig config = new ContainerConfig(full.storageDir(), full.deployDir(), partial,
                full.mezzoBundlesDir(), List.of());

        container = MezzoContainer.start(config);

        assertThat(container.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(Origin.SYSTEM);
            assertThat(problem.symbolicName()).isEqualTo("org.apache.felix.fileinstall");
        });
        assertThat(stateOf("org.apache.felix.scr")).contains(Bundle.ACTIVE);
    }

    @Test
    void droppedBundleIsStartedAndDeletingItUninstallsIt() throws Exception {
        container = MezzoContainer.start(ContainerFixture.config(base, List.of()));
        Path jar = TestBundles.drop(TestBundles.write(base.resolve("out/hello.jar"), "example.hello", Map.of()),
                container.config().deployDir());

        Await.until("example.hello ACTIVE", () -> stateOf("example.hello").equals(Optional.of(Bundle.ACTIVE)));
        Files.delete(jar);
        Await.until("example.hello uninstalled", () -> stateOf("example.hello").isEmpty());
        assertThat(container.problems()).isEmpty();
    }

    @Test
    void unresolvableDroppedBundleIsReportedOnceAndRecoversWhenItsPackageArrives() throws Exception {
        container = MezzoContainer.start(ContainerFixture.config(base, List.of()));
        Path deploy = container.config().deployDir();
        try (LogCapture log = LogCapture.of(DeployedBundleWatch.class)) {
            TestBundles.drop(TestBundles.write(base.resolve("out/needy.jar"), "example.needy", IMPORTS_MISSING_PACKAGE),
                    deploy);
            Await.until("example.needy reported", () -> !container.problems().isEmpty());

            assertThat(container.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.origin()).isEqualTo(Origin.DEPLOYED);
                assertThat(problem.symbolicName()).isEqualTo("example.needy");
                assertThat(problem.reason()).contains("missing requirement", "io.mezzo.test.missing");
            });

            // The container keeps working, and FileInstall's retries of the needy bundle stay quiet.
            TestBundles.drop(TestBundles.write(base.resolve("out/other.jar"), "example.other", Map.of()), deploy);
            Await.until("example.other ACTIVE", () -> stateOf("example.other").equals(Optional.of(Bundle.ACTIVE)));
            assertThat(stateOf("example.needy")).contains(Bundle.INSTALLED);
            assertThat(log.at(Level.WARNING, "example.needy")).hasSize(1);

            TestBundles.drop(TestBundles.write(base.resolve("out/provider.jar"), "example.provider",
                    Map.of("Export-Package", "io.mezzo.test.missing;version=1.2.0")), deploy);
            Await.until("example.needy ACTIVE", () -> stateOf("example.needy").equals(Optional.of(Bundle.ACTIVE)));
            Await.until("recovery logged", () -> !log.at(Level.INFO, "example.needy").isEmpty());
            assertThat(container.problems()).isEmpty();
            assertThat(log.at(Level.INFO, "example.needy")).hasSize(1);
            assertThat(log.at(Level.WARNING, "example.needy")).hasSize(1);
        }
    }

    @Test
    void droppedBundleWhoseActivatorThrowsIsReportedUntilDeleted() throws Exception {
        container = MezzoContainer.start(ContainerFixture.config(base, List.of()));
        Path jar = TestBundles.drop(TestBundles.write(base.resolve("out/failing.jar"), "example.failing", Map.of(
                "Bundle-Activator", FailingActivator.class.getName(),
                "Import-Package", "org.osgi.framework"), FailingActivator.class), container.config().deployDir());

        Await.until("example.failing reported", () -> !container.problems().isEmpty());
        assertThat(container.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.symbolicName()).isEqualTo("example.failing");
            assertThat(problem.reason()).contains("activator");
        });
        assertThat(stateOf("example.failing")).contains(Bundle.RESOLVED);

        Files.delete(jar);
        Await.until("example.failing uninstalled", () -> stateOf("example.failing").isEmpty());
        Await.until("problem gone", () -> container.problems().isEmpty());
    }

    @Test
    void droppedPluginBundleTakesOverItsSlotAndDeletingItGivesItBack() throws Exception {
        container = MezzoContainer.start(ContainerFixture.config(base, List.of()));
        Launcher builtIn = new Launcher() {
            @Override
            public RunningContainer launch(LaunchSpec spec) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<RunningContainer> recover(ContainerId id, long pid) {
                return Optional.empty();
            }
        };
        container.bundleContext().registerService(Launcher.class, builtIn, null);
        PluginSlot<Launcher> slot = container.slot(Launcher.class);
        assertThat(slot.current().map(Plugin::service)).containsSame(builtIn);

        Path jar = TestBundles.drop(TestBundles.write(base.resolve("out/stub.jar"), "example.stub.launcher", Map.of(
                "Bundle-Activator", StubLauncherActivator.class.getName(),
                "Import-Package", "io.mezzo.api,io.mezzo.spi;version=\"[1.0,2)\",org.osgi.framework"),
                StubLauncherActivator.class), container.config().deployDir());

        Await.until("stub launcher in the slot", () -> slot.current().map(Plugin::name).equals(Optional.of("stub")));
        Plugin<Launcher> stub = slot.current().orElseThrow();
        assertThat(stub.ranking()).isEqualTo(100);
        assertThat(stub.bundleSymbolicName()).isEqualTo("example.stub.launcher");
        assertThat(stub.service().getClass().getClassLoader()).isNotSameAs(StubLauncherActivator.class.getClassLoader());

        Files.delete(jar);
        Await.until("built-in launcher back", () -> slot.current().map(Plugin::service).equals(Optional.of(builtIn)));
    }

    @Test
    void closeStopsTheFramework() throws Exception {
        container = MezzoContainer.start(ContainerFixture.config(base, List.of()));
        Bundle systemBundle = container.bundleContext().getBundle(0);

        container.close();
        container = null;

        assertThat(systemBundle.getState()).isEqualTo(Bundle.RESOLVED);
    }

    private Optional<Integer> stateOf(String symbolicName) {
        return Arrays.stream(container.bundleContext().getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .map(Bundle::getState)
                .findFirst();
    }
}
