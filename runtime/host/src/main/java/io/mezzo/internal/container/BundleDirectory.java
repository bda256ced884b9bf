package io.mezzo.internal.container;

import io.mezzo.internal.container.BundleProblem.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Installs every jar of one directory as a bundle, then starts them in a given order,
 * collecting what went wrong instead of stopping at the first failure.
 *
 * <p>All jars are installed before any is started, so that starting one can resolve it
 * against the others whatever the file names' order.
 */
final class BundleDirectory {
    private final Path dir;
    private final Origin origin;
    private final List<String> startOrder;

    /**
     * @param startOrder symbolic names to start first, in this order; the rest follow by name.
     *                   Every one of them must be present, or that is reported too
     */
    BundleDirectory(Path dir, Origin origin, List<String> startOrder) {
        this.dir = dir;
        this.origin = origin;
        this.startOrder = List.copyOf(startOrder);
    }

    /**
     * Installs and starts the directory's bundles; returns their problems (empty when all are
     * active). Each location is added to {@code locations} before it is installed.
     */
    List<BundleProblem> installAndStart(BundleContext context, Set<String> locations) throws ContainerException {
        List<BundleProblem> problems = new ArrayList<>();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars()) {
            String location = jar.toUri().toString();
            locations.add(location);
            try {
                installed.add(context.installBundle(location));
            } catch (BundleException | RuntimeException e) {
                problems.add(new BundleProblem(origin, nameInManifest(jar), "0.0.0", location,
                        "cannot be installed: " + e.getMessage()));
            }
        }
        for (String expected : startOrder) {
            if (installed.stream().noneMatch(b -> expected.equals(b.getSymbolicName()))) {
                problems.add(new BundleProblem(origin, expected, "0.0.0", dir.toUri().toString(),
                        "is not in " + dir));
            }
        }
        installed.sort(Comparator.comparingInt(this::rank).thenComparing(BundleDirectory::name));
        for (Bundle bundle : installed) {
            start(bundle).ifPresent(problems::add);
        }
        return problems;
    }

    private Optional<BundleProblem> start(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return Optional.empty(); // fragments attach to their host; they are never started
        }
        try {
            bundle.start();
            return Optional.empty();
        } catch (BundleException | RuntimeException e) {
            String cause = e.getCause() == null ? "" : " (" + e.getCause() + ")";
            return Optional.of(new BundleProblem(origin, name(bundle), bundle.getVersion().toString(),
                    bundle.getLocation(), "cannot be started: " + e.getMessage() + cause));
        }
    }

    private List<Path> jars() throws ContainerException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ContainerException("cannot list the bundles in " + dir + ": " + e.getMessage(), e);
        }
    }

    private int rank(Bundle bundle) {
        int index = startOrder.indexOf(bundle.getSymbolicName());
        return index >= 0 ? index : startOrder.size();
    }

    private static String name(Bundle bundle) {
        return bundle.getSymbolicName() == null ? bundle.getLocation() : bundle.getSymbolicName();
    }

    /** The symbolic name a jar claims, for reporting a jar the framework refused; else its file name. */
    private static String nameInManifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            return name == null ? jar.getFileName().toString() : name.split(";", 2)[0].strip();
        } catch (IOException e) {
            return jar.getFileName().toString();
        }
    }
}
