package io.mezzo.dist;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.mezzo.internal.container.HostExports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam options that boot the distribution in the native container the way the host
 * does: the {@link HostExports} packages, the system bundles, then Mezzo's bundles. Any bundle
 * left unresolved fails the run ({@code pax.exam.osgi.unresolved.fail}).
 */
final class PaxOptions {
    private PaxOptions() {
    }

    /**
     * @param testOnlyPackages host-internal packages the test probe may use as well; the real
     *                         host never exports them to bundles
     */
    static Option[] distribution(String... testOnlyPackages) throws IOException {
        Path home = Distribution.home();
        List<Option> options = new ArrayList<>();
        options.add(systemPackages(HostExports.packages().toArray(new String[0])));
        if (testOnlyPackages.length > 0) {
            options.add(systemPackages(testOnlyPackages));
        }
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(systemProperty("pax.exam.osgi.unresolved.fail").value("true"));
        options.add(frameworkProperty("felix.fileinstall.dir")
                .value(Files.createDirectories(Distribution.work("pax-deploy")).toString()));
        options.add(frameworkProperty("felix.fileinstall.log.level").value("1"));
        for (Path jar : Distribution.jars(home.resolve("system"))) {
            options.add(bundle(jar.toUri().toString()));
        }
        for (Path jar : Distribution.jars(home.resolve("bundles"))) {
            options.add(bundle(jar.toUri().toString()));
        }
        options.add(junitBundles());
        options.add(cleanCaches());
        return options(options.toArray(new Option[0]));
    }
}
